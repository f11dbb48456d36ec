import type { GlobalPosition } from '../global-position';
import { readSeals, type SealableLog } from './log-sealer';
import { isSealOf, type LogSeal } from './seal-chain';
import { distinctSeals, firstDifference, SealCheck, type SealDifference } from './seal-verification';

export interface LogVerification {
  readonly service: string;
  /** Events of the log, seals excepted. */
  readonly events: number;
  /** Events the log's last seal covers. */
  readonly sealedEvents: number;
  readonly logSeals: number;
  readonly archivedSeals: number;
  /** The earliest place where the log and a copy of its seals disagree; null when none does. */
  readonly difference: SealDifference | null;
}

const PAGE = 1_000;

/**
 * Recomputes the chain from the log as stored and follows it against the seals the log holds and
 * against the copies reporting archived, which the service's own database cannot rewrite.
 */
export async function verifyLog(service: string, log: SealableLog, archived: readonly LogSeal[]): Promise<LogVerification> {
  const logSeals = await readSeals(log, service);
  const fromArchive = distinctSeals('archive', archived);
  const checks = [new SealCheck('log', logSeals), new SealCheck('archive', fromArchive.seals)];
  let events = 0;
  let after: GlobalPosition | null = null;
  let open = checks.length;
  while (open > 0) {
    const page = await log.readAllAsStored(after === null ? 'start' : { after }, { limit: PAGE });
    for (const event of page) {
      after = event.globalPosition;
      if (isSealOf(service, event)) continue;
      events += 1;
      open = checks.filter((check) => check.accept(event)).length;
    }
    if (page.length < PAGE) break;
  }
  return {
    service,
    events,
    sealedEvents: logSeals.at(-1)?.eventCount ?? 0,
    logSeals: logSeals.length,
    archivedSeals: fromArchive.seals.length,
    difference: firstDifference([fromArchive.conflict, ...checks.map((check) => check.finish())]),
  };
}

export function describeVerification(verification: LogVerification): string {
  const { service, events, logSeals, archivedSeals, difference } = verification;
  const counts = `${events} events, ${logSeals} seals in the log, ${archivedSeals} in the archive`;
  if (!difference) return `${service}: the log agrees with every seal (${counts})`;
  const where = difference.eventId
    ? `position ${difference.position} (stream ${difference.streamName} at ${difference.streamPosition}, event ${difference.eventId})`
    : `position ${difference.position}`;
  return `${service}: FIRST DIFFERENCE at ${where} against the ${difference.source}'s seal ${difference.sequence}: ${difference.reason} (${counts})`;
}
