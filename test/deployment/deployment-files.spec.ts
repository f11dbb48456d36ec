import { DEPLOYED_SYSTEM_SETTINGS, describeNotRun, KURRENTDB_IMAGE } from '@training-ledger/test-servers';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '@training-ledger/platform';
import { checkOidcTransport, ConsoleConfig, signInOptions } from '../../services/console/src/config';

const root = join(__dirname, '../..');
const validator = join(root, 'deploy/validate/validate-deployment-files.mjs');

interface Validation {
  readonly status: number | null;
  readonly checked: { file: string; object: string }[];
  readonly problems: { file: string; object: string; reason: string }[];
  readonly notChecked: { name: string; reason: string }[];
}

/** The validator is an ES module (the Kubernetes schemas ship only as such), so it runs as its own process. */
function validate(...args: string[]): Validation {
  const run = spawnSync(process.execPath, [validator, '--json', ...args], { cwd: root, encoding: 'utf8' });
  const lastLine = run.stdout.trim().split('\n').at(-1) ?? '{}';
  return { status: run.status, ...(JSON.parse(lastLine) as Omit<Validation, 'status'>) };
}

const services = ['enrolment', 'course-delivery', 'certification', 'reporting'];
const kubectlInstalled = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

describe('deployment files, checked offline against their schemas', () => {
  it('finds every Kubernetes manifest, the KurrentDB overlay, docker-compose.yml and its override valid', () => {
    const result = validate();
    expect(result.problems).toEqual([]);
    expect(result.status).toBe(0);
    const objects = result.checked.map((entry) => entry.object);
    for (const service of services) {
      expect(objects).toEqual(expect.arrayContaining([`Service ${service}`, `Deployment ${service}-api`, `Deployment ${service}-worker`]));
    }
    expect(objects).toEqual(expect.arrayContaining(['Service console', 'Deployment console']));
    expect(objects).toEqual(expect.arrayContaining(['Kustomization base', 'Kustomization overlays/kurrentdb', 'Kustomization data-stores']));
    expect(objects).toEqual(expect.arrayContaining(['NetworkPolicy training-ledger-services-egress', 'NetworkPolicy data-stores-default-deny-ingress']));
    expect(result.checked).toEqual(
      expect.arrayContaining([
        { file: 'docker-compose.yml', object: 'compose file' },
        { file: 'deploy/compose/kurrentdb.yml', object: 'compose file' },
      ]),
    );
    if (kubectlInstalled) {
      expect(result.notChecked).toEqual([]);
      expect(result.checked).toContainEqual({ file: 'overlays/kurrentdb (kustomize build)', object: 'Deployment reporting-worker' });
    } else {
      expect(result.notChecked.map((entry) => entry.name)).toEqual([
        'base (kustomize build)',
        'data-stores (kustomize build)',
        'overlays/kurrentdb (kustomize build)',
      ]);
    }
  });

  describe('on broken copies', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'deployment-files-'));
      cpSync(join(root, 'deploy/k8s'), join(dir, 'k8s'), { recursive: true });
      cpSync(join(root, 'deploy/compose'), join(dir, 'compose'), { recursive: true });
      cpSync(join(root, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    });
    const validateCopy = (): Validation =>
      validate('--k8s', join(dir, 'k8s'), '--compose', join(dir, 'docker-compose.yml'), '--compose-overrides', join(dir, 'compose'));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('names the manifest and the field a schema refuses', () => {
      const file = join(dir, 'k8s/base/reporting.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 2', 'replicas: two'));
      const result = validateCopy();
      expect(result.status).toBe(1);
      expect(result.problems).toContainEqual(
        expect.objectContaining({ file: 'base/reporting.yaml', object: 'Deployment reporting-api', reason: expect.stringMatching(/replicas/) }),
      );
      // Built, the base and the overlay carry the same refused field.
      expect(result.problems.filter((problem) => problem.object === 'Deployment reporting-api')).toHaveLength(kubectlInstalled ? 3 : 1);
    });

    it('refuses a compose file outside the Compose specification', () => {
      const file = join(dir, 'docker-compose.yml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('restart: unless-stopped', 'restart: unless-stopped\n  restrat: always'));
      const result = validateCopy();
      expect(result.status).toBe(1);
      expect(JSON.stringify(result.problems)).toContain('restrat');
    });

    it('refuses an override naming a service the compose file lacks, with nothing to run', () => {
      const file = join(dir, 'compose/kurrentdb.yml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('  reporting:\n    environment:', '  reportin:\n    environment:'));
      const result = validateCopy();
      expect(result.problems).toEqual([expect.objectContaining({ file: join(dir, 'compose/kurrentdb.yml'), object: 'service reportin' })]);
    });

    it('requires the kustomization to list every manifest', () => {
      writeFileSync(join(dir, 'k8s/base/extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: extra }\ndata: {}\n');
      const result = validateCopy();
      expect(result.problems).toEqual([expect.objectContaining({ file: 'base/kustomization.yaml' })]);
    });

    if (kubectlInstalled) {
      it('fails the KurrentDB overlay when the base stops reading DATABASE_URL where the overlay replaces it', () => {
        const file = join(dir, 'k8s/base/enrolment.yaml');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/ *- \{ name: BACKGROUND_WORK, value: all \}\n/, ''));
        const result = validateCopy();
        expect(result.problems).toEqual([
          expect.objectContaining({ file: 'overlays/kurrentdb (kustomize build)', reason: expect.stringMatching(/test failed/) }),
        ]);
      });
    }
  });
});


type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };
interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { template: { spec: { containers: { env: Env[] }[] } } };
}

const manifests = (yaml: string): Manifest[] => parseAllDocuments(yaml).map((document) => document.toJS() as Manifest).filter(Boolean);
const readManifests = (...path: string[]): Manifest[] => manifests(readFileSync(join(root, 'deploy/k8s', ...path), 'utf8'));
const readCompose = (path: string): { services: Record<string, { image?: string; environment?: Record<string, string> }> } =>
  parse(readFileSync(join(root, path), 'utf8'), { merge: true, maxAliasCount: -1 });
const eventLogVariables = (deployment: Manifest): Env[] =>
  deployment.spec!.template.spec.containers[0].env.filter((variable) => ['DATABASE_URL', 'EVENTSTORE_URL'].includes(variable.name));

describe('what ships is what is tested', () => {
  it('the Kubernetes base sets the settings the test suite runs every service with', () => {
    const [config] = readManifests('base/config.yaml');
    expect(config.data).toMatchObject(DEPLOYED_SYSTEM_SETTINGS);
  });

  it('the Kubernetes base and Compose prepare the event logs in a migration step run as the owner', () => {
    const [job] = readManifests('base/migrate.yaml');
    expect(job).toMatchObject({ kind: 'Job', metadata: { name: 'training-ledger-migrate' } });
    const container = job!.spec!.template.spec.containers[0];
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'DATABASE_APP_ROLE', value: 'training_ledger_app' }]));
    const compose = readCompose('docker-compose.yml');
    expect(compose.services.migrate!.environment).toMatchObject({ DATABASE_APP_ROLE: 'training_ledger_app' });
    for (const service of services) {
      expect(compose.services[service].environment!.DATABASE_URL).toMatch(/^postgres:\/\/training_ledger_app:/);
    }
  });

  it('each Kubernetes Deployment reads its PostgreSQL event log from its own Secret', () => {
    for (const service of services) {
      for (const deployment of readManifests(`base/${service}.yaml`).filter((manifest) => manifest.kind === 'Deployment')) {
        expect(eventLogVariables(deployment)).toEqual([
          { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `training-ledger-${service}`, key: 'DATABASE_URL' } } },
        ]);
      }
    }
  });

  it('docker-compose.yml runs every service with the tested settings on the PostgreSQL it starts', () => {
    const compose = readCompose('docker-compose.yml');
    expect(Object.keys(compose.services)).not.toEqual(expect.arrayContaining([expect.stringMatching(/kurrent/)]));
    expect(compose.services.postgres.image).toMatch(/^postgres:\d+$/);
    for (const service of services) {
      expect(compose.services[service].environment).toMatchObject({
        ...DEPLOYED_SYSTEM_SETTINGS,
        DATABASE_URL: expect.stringMatching(/^postgres:\/\/[^@]+@postgres:5432\//),
      });
      expect(compose.services[service].environment).not.toHaveProperty('EVENTSTORE_URL');
    }
  });

  it('the console reaches each service at the address Compose and the Kubernetes base give it', () => {
    const compose = readCompose('docker-compose.yml');
    expect(compose.services.console!.environment).toMatchObject({
      SERVICE: 'console',
      ENROLMENT_URL: 'http://enrolment:3101',
      COURSE_DELIVERY_URL: 'http://course-delivery:3102',
      CERTIFICATION_URL: 'http://certification:3103',
      REPORTING_URL: 'http://reporting:3104',
    });
    const [deployment] = readManifests('base/console.yaml').filter((manifest) => manifest.kind === 'Deployment');
    expect(deployment!.spec!.template.spec.containers[0].env).toEqual(
      expect.arrayContaining(services.map((service) => ({ name: `${service.toUpperCase().replace('-', '_')}_URL`, value: `http://${service}` }))),
    );
  });

  it('the console starts with the settings Compose and Kubernetes give it: development sign-in in Compose, the provider in Kubernetes', () => {
    const compose = loadConfig(ConsoleConfig, { ...readCompose('docker-compose.yml').services.console!.environment });
    expect(signInOptions(compose)).toEqual({ oidc: null, development: true });
    const [deployment] = readManifests('base/console.yaml').filter((manifest) => manifest.kind === 'Deployment');
    const [configMap] = readManifests('base/config.yaml').filter((manifest) => manifest.kind === 'ConfigMap') as unknown as { data: Record<string, string> }[];
    const kubernetes = loadConfig(ConsoleConfig, { ...configMap!.data, ...Object.fromEntries(deployment!.spec!.template.spec.containers[0].env.map((variable) => [variable.name, variable.value])) });
    expect(() => checkOidcTransport(kubernetes)).not.toThrow();
    expect(signInOptions(kubernetes)).toEqual({ oidc: { authority: 'https://sso.mofa.gov.vn', clientId: 'training-ledger-console', scope: 'openid profile', resource: null }, development: false });
  });

  it('Compose runs the FerretDB the suite runs: built by the local servers\' script, started with its flags', () => {
    const compose = readCompose('docker-compose.yml') as ReturnType<typeof readCompose> & { services: Record<string, { build?: unknown }> };
    expect(Object.keys(compose.services)).not.toContain('mongodb');
    expect(compose.services.ferretdb!.build).toEqual({ context: '.', dockerfile: 'deploy/docker/ferretdb.Dockerfile' });
    for (const service of services) expect(compose.services[service]!.environment).toMatchObject({ MONGO_URL: 'mongodb://ferretdb:27017' });
    const dockerfile = readFileSync(join(root, 'deploy/docker/ferretdb.Dockerfile'), 'utf8').replace(/\\\n\s*/g, '');
    expect(dockerfile).toMatch(/^RUN TL_LOCAL_HOME=\/build bash deploy\/local\/ferretdb\.sh build /m);
    const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    const localFlags = [...readFileSync(join(root, 'deploy/local/ferretdb.sh'), 'utf8').matchAll(/^\s+(--[a-z-]+)=("?)([^"$\s]*)\2 [\\&]$/gm)].map(([, flag, , value]) => `${flag}=${value}`);
    expect(localFlags).toEqual(['--handler=sqlite', '--telemetry=disable', '--log-level=info']);
    expect(entrypoint).toEqual(expect.arrayContaining(['ferretdb', ...localFlags, '--sqlite-url=file:/state/sqlite/', '--state-dir=/state']));
  });

  it('the Compose KurrentDB override runs the KurrentDB image its contract suite runs against', () => {
    const override = readCompose('deploy/compose/kurrentdb.yml');
    for (const service of services) {
      expect(override.services[`kurrentdb-${service}`].image).toBe(KURRENTDB_IMAGE);
      expect(override.services[service].environment).toEqual({
        EVENT_STORE: 'kurrentdb',
        EVENTSTORE_URL: `kurrentdb://kurrentdb-${service}:2113?tls=false`,
      });
    }
  });
});

if (kubectlInstalled) {
  describe('the KurrentDB overlay, built with kubectl kustomize', () => {
    const built = manifests(spawnSync('kubectl', ['kustomize', join(root, 'deploy/k8s/overlays/kurrentdb')], { encoding: 'utf8' }).stdout);

    it('switches the event store and nothing else of the shared settings', () => {
      const [config] = readManifests('base/config.yaml');
      expect(built.find((manifest) => manifest.kind === 'ConfigMap')?.data).toEqual({ ...config.data, EVENT_STORE: 'kurrentdb' });
    });

    it('has every Deployment read EVENTSTORE_URL from its service Secret in place of DATABASE_URL', () => {
      const deployments = built.filter((manifest) => manifest.kind === 'Deployment' && manifest.metadata.name !== 'console');
      expect(deployments).toHaveLength(services.length * 2);
      // The console keeps no event log: the overlay leaves it as the base has it.
      const console = built.find((manifest) => manifest.kind === 'Deployment' && manifest.metadata.name === 'console');
      expect(console && eventLogVariables(console)).toEqual([]);
      for (const deployment of deployments) {
        const service = deployment.metadata.name.replace(/-(api|worker)$/, '');
        expect(eventLogVariables(deployment)).toEqual([
          { name: 'EVENTSTORE_URL', valueFrom: { secretKeyRef: { name: `training-ledger-${service}`, key: 'EVENTSTORE_URL' } } },
        ]);
      }
    });
  });
} else {
  describeNotRun('kustomize build of deploy/k8s (base and the KurrentDB overlay)', 'install kubectl');
}
