import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Clock ticks per second, the unit of the CPU times in `/proc/<pid>/stat`. */
function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}
const TICKS = clockTicksPerSecond();

interface ProcessTimes {
  readonly parent: number;
  /** utime + stime: the process's own CPU time. */
  readonly own: number;
  /** cutime + cstime: children it has waited for (PostgreSQL's finished backends, for instance). */
  readonly reaped: number;
}

/** Fields after the command name, which may itself hold spaces and parentheses. */
function processTimes(pid: number): ProcessTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // man 5 proc: fields 4 (ppid) and 14–17 (utime, stime, cutime, cstime), counted from 1 with pid and comm as 1 and 2.
    return { parent: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

function liveProcesses(): Map<number, ProcessTimes> {
  const all = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = processTimes(Number(entry));
    if (times) all.set(Number(entry), times);
  }
  return all;
}

/**
 * CPU seconds a process and all its descendants have used: the live ones' own time plus what the root
 * has reaped from children that ended. A server that forks per connection is counted whole.
 */
function treeSeconds(root: number, all: Map<number, ProcessTimes>): number | null {
  const rootTimes = all.get(root);
  if (!rootTimes) return null;
  const children = new Map<number, number[]>();
  for (const [pid, times] of all) children.set(times.parent, [...(children.get(times.parent) ?? []), pid]);
  let ticks = rootTimes.reaped;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    ticks += all.get(pid)?.own ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return ticks / TICKS;
}

/** CPU seconds a process and its descendants have used so far; null once it has gone. */
export function processTreeCpuSeconds(pid: number): number | null {
  return treeSeconds(pid, liveProcesses());
}

/** The pid the local server scripts recorded for a server (`deploy/local`), if it is running. */
export function localServerPid(server: 'postgres' | 'kafka' | 'ferretdb'): number | null {
  const home = process.env.TL_LOCAL_HOME ?? join(homedir(), '.cache', 'training-ledger');
  const pidFile = join(home, 'run', server, `${server}.pid`);
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && existsSync(`/proc/${pid}`) ? pid : null;
}

/**
 * CPU time per named process tree between `start()` and each `report()`. A process that is not running
 * at the start (a service yet to be spawned) counts from zero, since all its time is then in the window.
 */
export class ProcessCpuMeter {
  private readonly baseline = new Map<string, number>();

  constructor(private readonly pids: () => ReadonlyMap<string, number | null>) {}

  start(): void {
    const all = liveProcesses();
    for (const [name, pid] of this.pids()) this.baseline.set(name, pid === null ? 0 : (treeSeconds(pid, all) ?? 0));
  }

  /** `name 123.4 s` for each process, `n/a` for one that has gone. */
  report(): string {
    const all = liveProcesses();
    return [...this.pids()]
      .map(([name, pid]) => {
        const seconds = pid === null ? null : treeSeconds(pid, all);
        return `${name} ${seconds === null ? 'n/a' : `${(seconds - (this.baseline.get(name) ?? 0)).toFixed(1)} s`}`;
      })
      .join(', ');
  }
}
