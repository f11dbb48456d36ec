import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const validator = join(root, 'deploy/validate/validate-deployment-files.mjs');

interface Validation {
  readonly status: number | null;
  readonly checked: { file: string; object: string }[];
  readonly problems: { file: string; object: string; reason: string }[];
}

/** The validator is an ES module (the Kubernetes schemas ship only as such), so it runs as its own process. */
function validate(...args: string[]): Validation {
  const run = spawnSync(process.execPath, [validator, '--json', ...args], { cwd: root, encoding: 'utf8' });
  const lastLine = run.stdout.trim().split('\n').at(-1) ?? '{}';
  return { status: run.status, ...(JSON.parse(lastLine) as Omit<Validation, 'status'>) };
}

describe('deployment files, checked offline against their schemas', () => {
  it('finds every Kubernetes manifest and docker-compose.yml valid', () => {
    const result = validate();
    expect(result.problems).toEqual([]);
    expect(result.status).toBe(0);
    const objects = result.checked.map((entry) => entry.object);
    for (const service of ['enrolment', 'course-delivery', 'certification', 'reporting']) {
      expect(objects).toEqual(expect.arrayContaining([`Service ${service}`, `Deployment ${service}-api`, `Deployment ${service}-worker`]));
    }
    expect(objects).toContain('compose file');
  });

  describe('on broken copies', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'deployment-files-'));
      cpSync(join(root, 'deploy/k8s'), join(dir, 'k8s'), { recursive: true });
      cpSync(join(root, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('names the manifest and the field a schema refuses', () => {
      const file = join(dir, 'k8s/reporting.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 2', 'replicas: two'));
      const result = validate('--k8s', join(dir, 'k8s'), '--compose', join(dir, 'docker-compose.yml'));
      expect(result.status).toBe(1);
      expect(result.problems).toEqual([expect.objectContaining({ file: 'reporting.yaml', object: 'Deployment reporting-api', reason: expect.stringMatching(/replicas/) })]);
    });

    it('refuses a compose file outside the Compose specification', () => {
      const file = join(dir, 'docker-compose.yml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('restart: unless-stopped', 'restart: unless-stopped\n  restrat: always'));
      const result = validate('--k8s', join(dir, 'k8s'), '--compose', file);
      expect(result.status).toBe(1);
      expect(JSON.stringify(result.problems)).toContain('restrat');
    });

    it('requires the kustomization to list every manifest', () => {
      writeFileSync(join(dir, 'k8s/extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: extra }\ndata: {}\n');
      const result = validate('--k8s', join(dir, 'k8s'), '--compose', join(dir, 'docker-compose.yml'));
      expect(result.problems).toEqual([expect.objectContaining({ file: 'kustomization.yaml' })]);
    });
  });
});
