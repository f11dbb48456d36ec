import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import { handleCommand, loadStreamState, StreamStateCache, type EventStore } from '@training-ledger/event-store';
import type { DecodedIntegrationMessage } from '@training-ledger/messaging';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { createHash } from 'node:crypto';
import { type CompletionAssessed, completionStreamName, runCompletionDecider, type RunCompletionState } from './run-completion.decider';
import { consumedRunFactTypes, evidenceOf, type RunFact } from './run-evidence';

const MAX_ATTEMPTS = 8;
/** About 12 runs of national size, each noting some 12,000 marks. */
const COMPLETION_ENTRIES_CACHED = 300_000;

const runCompletionEntries = (state: RunCompletionState): number =>
  state.notedSources.size + state.attendance.size + state.trainees.size + state.assessed.size + state.assessmentPassed.size;

/** Noting facts of runs from other services, in the order each run's facts arrive, and what their completion decides. */
@Injectable()
export class CompletionService {
  private readonly logger = new Logger('Completion');
  /** A run's state holds an entry per attendance mark noted: the cache is bounded by entries, not runs. */
  private readonly states = new StreamStateCache<RunCompletionState>({
    maxStreams: 2_000,
    weigh: runCompletionEntries,
    maxWeight: COMPLETION_ENTRIES_CACHED,
  });

  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  isRunFact(message: DecodedIntegrationMessage): boolean {
    return (consumedRunFactTypes as readonly string[]).includes(message.type);
  }

  /**
   * Notes a batch of consumed facts as evidence: those of one run together, in their order, as one
   * event per run. Redelivered facts are recognised by their event id and noted once.
   */
  async note(messages: readonly DecodedIntegrationMessage[]): Promise<CompletionAssessed['data'][]> {
    const byRun = new Map<string, DecodedIntegrationMessage[]>();
    for (const message of messages) {
      if (!this.isRunFact(message)) continue;
      const runId = (message.data as { runId: string }).runId;
      const facts = byRun.get(runId);
      if (facts) facts.push(message);
      else byRun.set(runId, [message]);
    }
    const assessed: CompletionAssessed['data'][] = [];
    for (const [runId, facts] of byRun) {
      const metadata: MessageMetadata = {
        correlationId: facts[0]?.metadata.correlationId ?? runId,
        causationId: facts[0]?.eventId ?? null,
        actor: { id: 'certification', roles: [] },
        occurredAt: facts.at(-1)?.metadata.occurredAt ?? new Date(0).toISOString(),
      };
      const items = facts.map((message) => ({ sourceEventId: message.eventId, evidence: evidenceOf({ type: message.type, data: message.data } as RunFact) }));
      try {
        const decided = await handleCommand(this.eventStore, runCompletionDecider, {
          streamName: completionStreamName(runId),
          command: { type: 'NoteRunEvidence', data: { runId, items }, metadata },
          commandId: batchId(facts),
          stateCache: this.states,
          maxAttempts: MAX_ATTEMPTS,
        });
        for (const event of decided.events) if (event.type === 'CompletionAssessed.v1') assessed.push(event.data as CompletionAssessed['data']);
      } catch (error) {
        if (!(error instanceof DomainRuleViolation)) throw error;
        this.logger.warn(`Facts of run ${runId} were not noted: ${error.message}`);
      }
    }
    return assessed;
  }

  async stateOf(runId: string): Promise<RunCompletionState> {
    return (await loadStreamState(this.eventStore, runCompletionDecider, completionStreamName(runId), this.states)).state;
  }
}

/** The same batch redelivered gets the same id as cause. */
function batchId(facts: readonly DecodedIntegrationMessage[]): string {
  const digest = createHash('sha256').update(facts.map((fact) => fact.eventId).join('\n')).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
}
