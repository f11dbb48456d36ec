import { UpcasterRegistry } from '@training-ledger/event-store';
import type { RunEvidenceNoted } from './run-completion.decider';
import { evidenceOf, type RunFact } from './run-evidence';

/** Until December 2026 certification noted each consumed fact as its own event, in the words of its source. */
export interface RetiredRunFactNoted {
  readonly runId: string;
  readonly sourceEventId: string;
  readonly fact: RunFact;
}

/** Reads the facts noted one by one as evidence noted in a batch of one, so that every decision replays as taken. */
export function certificationUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry().register<RetiredRunFactNoted, RunEvidenceNoted['data']>(
    'RunFactNoted.v1',
    'RunEvidenceNoted.v1',
    ({ runId, sourceEventId, fact }) => ({ runId, items: [{ sourceEventId, evidence: evidenceOf(fact) }] }),
  );
}
