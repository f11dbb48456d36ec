import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TESTED_SERVICE_SETTINGS } from './tested-settings';

const run = promisify(execFile);
export const workspaceRoot = resolve(__dirname, '../../..');

let build: Promise<void> | undefined;

/** Compiles the services once per test process (incrementally), as they run in production. */
export function buildServices(): Promise<void> {
  build ??= run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: workspaceRoot, maxBuffer: 16 * 1024 * 1024 }).then(
    () => undefined,
    (error: { stdout?: string }) => {
      throw new Error(`Building the services failed:\n${error.stdout ?? String(error)}`);
    },
  );
  return build;
}

const PORTS_FROM = 20_000;
const PORTS_TO = 32_000;
const handedOut = new Set<number>();

/**
 * A port for a service to listen on, taken below the kernel's ephemeral range (32768–60999 on Linux,
 * 49152 and up elsewhere): a port the kernel picked would be free now, but any outgoing connection of
 * another process could take it before the service binds it.
 */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 500; tries += 1) {
    const port = PORTS_FROM + Math.floor(Math.random() * (PORTS_TO - PORTS_FROM));
    if (handedOut.has(port) || !(await canListenOn(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${PORTS_FROM} and ${PORTS_TO}`);
}

/** Checked on every interface, as the services listen. */
function canListenOn(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, () => server.close(() => resolveFree(true)));
  });
}

/** One service running as its own process, started from the compiled output like in production. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exit: Promise<number | null> | null = null;

  constructor(
    readonly service: string,
    readonly port: number,
    private readonly env: Readonly<Record<string, string>>,
    private readonly logDir = join(workspaceRoot, '.local', 'test-logs'),
    /** Options for node itself, before the service's script: those NODE_OPTIONS refuses, such as `--cpu-prof`. */
    private readonly nodeArguments: readonly string[] = [],
  ) {}

  /** The running process's id, or null when it is not running. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    if (this.child) throw new Error(`${this.service} is already running`);
    const main = join(workspaceRoot, 'dist/services', this.service, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build the services first`);
    mkdirSync(this.logDir, { recursive: true });
    const log = createWriteStream(join(this.logDir, `${this.service}-${this.port}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [...this.nodeArguments, '-r', 'tsconfig-paths/register', main], {
      cwd: workspaceRoot,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json'),
        TS_NODE_BASEURL: join(workspaceRoot, 'dist'),
        PORT: String(this.port),
        LOG_LEVEL: 'info',
        // Tests run with the relaxations of a test environment (a key file, simulation); a test may say otherwise.
        NODE_ENV: 'test',
        ...TESTED_SERVICE_SETTINGS,
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    // 'close', not 'exit': the process can exit before its last lines are read from the pipes and written to the log.
    this.exit = new Promise((resolveExit) => child.once('close', (code) => log.end(() => resolveExit(code))));
    this.child = child;
  }

  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.child || this.child.exitCode !== null) {
        throw new Error(`${this.service} exited before it was ready; see .local/test-logs/${this.service}-${this.port}.log`);
      }
      try {
        const response = await fetch(`${this.url}/ready`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${this.service} was not ready within ${timeoutMs} ms`);
      await new Promise((wait) => setTimeout(wait, 250));
    }
  }

  /** Waits for the process to end by itself (e.g. refusing its configuration) and returns its exit code. */
  async exited(): Promise<number | null> {
    const code = await this.exit;
    this.child = null;
    this.exit = null;
    return code ?? null;
  }

  /** Ends the process the hard way, as a power cut or an OOM killer would. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Asks for a graceful shutdown and returns the exit code. */
  async stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    const { child, exit } = this;
    if (!child || !exit) return null;
    child.kill(signal);
    const code = await exit;
    this.child = null;
    this.exit = null;
    return code;
  }
}
