import { describeNotRun } from '@training-ledger/test-servers';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const script = join(root, 'deploy/local/ferretdb.sh');
const goInstalled = ['go', '/usr/local/go/bin/go'].some((go) => spawnSync(go, ['version']).status === 0);

/**
 * What `deploy/docker/ferretdb.Dockerfile` runs to build the server Compose ships, run here in a home
 * of its own as the image build runs it: the binary must be the one the suite's servers run.
 */
if (goInstalled) {
  describe('the FerretDB image build step', () => {
    let home: string;
    beforeAll(() => {
      home = mkdtempSync(join(tmpdir(), 'ferretdb-image-'));
    });
    afterAll(() => rmSync(home, { recursive: true, force: true }));

    it('builds, in a home of its own, the version and patch the local servers run, byte for byte', () => {
      const env = { ...process.env, TL_LOCAL_HOME: home };
      execFileSync('bash', [script, 'build'], { env, stdio: 'pipe', timeout: 600_000 });
      const built = execFileSync('bash', [script, 'binary'], { env, encoding: 'utf8' }).trim();
      expect(built.startsWith(home)).toBe(true);
      expect(execFileSync(built, ['--version'], { encoding: 'utf8' })).toMatch(/^version: v1\.24\.2$/m);
      const tested = execFileSync('bash', [script, 'binary'], { encoding: 'utf8' }).trim();
      if (existsSync(tested)) expect(readFileSync(built).equals(readFileSync(tested))).toBe(true);
    }, 600_000);
  });
} else {
  describeNotRun('the FerretDB image build step', 'Go is not installed');
}
