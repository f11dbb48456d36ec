import { isCalendarDate } from '@training-ledger/contracts';
import { DomainRuleViolation } from '@training-ledger/decider';
import { CompactStringSet } from './compact-sets';
import { type EvaluationEvent, isReadType, isRepeated, position, type PositionedEvent, readEvent } from './evaluation-events';
import { FactsFold } from './evaluation-facts';
import { certifiedFacts, countFigures, programmeFiguresOf } from './evaluation-figures';
import {
  type EvaluationInput,
  evaluationKinds,
  type EvaluationReport,
  type InputPartitionSummary,
  isReportCodeVersion,
  type RejectedEvent,
  reportCodeVersion,
  type ReportCodeVersion,
} from './evaluation-report';
import { evaluationRulesV2 } from './evaluation-rules';
import { comparePositions } from './offsets';
import { parseCoverageRulePolicy, parsePhaseTargetsPolicy, phaseInForce, type PolicyParse } from './policy';
import { ProgrammeFactsFold } from './programme-facts';

/** What an evaluation is asked for, without its events. */
export type EvaluationSettings = Omit<EvaluationInput, 'events'>;

/**
 * An evaluation folded one event at a time, the events coming in (topic, partition, offset) order:
 * a reader streams each archived partition in turn and never holds the archive. What it keeps of
 * every event is the id (to count a redelivery once) and, for attendance, the mark; the rest is the
 * facts in force, as many as there are agencies, certificates and runs.
 *
 * The same events give the same report whether folded here as they stream or handed to
 * `computeEvaluation` in any order (which sorts them and folds them here).
 */
export class EvaluationFold {
  private readonly version: ReportCodeVersion;
  private readonly settings: EvaluationSettings;
  private readonly facts: FactsFold;
  private readonly programme: ProgrammeFactsFold | null;
  /** Null once the result is given: a fold answers once, and lets go of what only folding needs first. */
  private eventIds: CompactStringSet | null = new CompactStringSet();
  private readonly partitions: { topic: string; partition: number; events: number; firstOffset: string; lastOffset: string }[] = [];
  private readonly rejected: RejectedEvent[] = [];
  private previous: PositionedEvent | null = null;
  private events = 0;
  private duplicateEvents = 0;

  constructor(settings: EvaluationSettings) {
    if (typeof settings.asOf !== 'string' || !isCalendarDate(settings.asOf)) {
      throw new DomainRuleViolation('as-of-is-a-date', `as-of date ${String(settings.asOf)} is not a calendar date`, 'asOf');
    }
    if (!evaluationKinds.includes(settings.kind)) {
      throw new DomainRuleViolation('evaluation-kind-known', `${String(settings.kind)} is not a kind of evaluation`, 'kind');
    }
    const version = settings.reportCodeVersion ?? reportCodeVersion;
    if (!isReportCodeVersion(version)) {
      throw new DomainRuleViolation('report-code-version-known', `${String(version)} is not a report code version`, 'reportCodeVersion');
    }
    this.version = version;
    this.settings = {
      ...settings,
      coverageRule: requirePolicy(parseCoverageRulePolicy(settings.coverageRule), 'coverageRule'),
      phaseTargets: requirePolicy(parsePhaseTargetsPolicy(settings.phaseTargets), 'phaseTargets'),
    };
    // 1.0.0 reads no programme facts and dates a mark by the day it was recorded.
    const programme = version !== 'evaluation/1.0.0';
    this.facts = new FactsFold(settings.asOf, programme);
    this.programme = programme ? new ProgrammeFactsFold(settings.asOf) : null;
  }

  /** The next event; it must not come before the one folded last. */
  add(event: EvaluationEvent): void {
    const eventIds = this.folding();
    const positioned = position(event);
    const previous = this.previous;
    if (previous !== null) {
      if (isRepeated(previous, positioned)) return;
      if (comparePositions(previous, positioned) > 0) {
        throw new DomainRuleViolation(
          'events-in-position-order',
          `${positioned.topic} partition ${positioned.partition} offset ${positioned.offset} comes after ${previous.topic} partition ${previous.partition} offset ${previous.offset}`,
          'events',
        );
      }
    }
    this.previous = positioned;
    // Decimal text has passed `position`: it is the offset as written.
    this.count(positioned, typeof event.offset === 'string' ? event.offset : positioned.offset.toString());
    // Kafka may deliver one event more than once, at different offsets: the copy at the earliest position counts.
    if (!eventIds.add(positioned.eventId)) {
      this.duplicateEvents += 1;
      return;
    }
    this.programme?.add(positioned);
    if (!isReadType(positioned.topic, positioned.type)) return;
    const read = readEvent(positioned);
    if (read === null) this.rejected.push(rejection(positioned));
    else this.facts.add(read, { place: this.events - this.duplicateEvents, eventId: positioned.eventId, occurredOn: positioned.occurredOn });
  }

  private count(event: PositionedEvent, offset: string): void {
    this.events += 1;
    const last = this.partitions.at(-1);
    if (last && last.topic === event.topic && last.partition === event.partition) {
      last.events += 1;
      last.lastOffset = offset;
    } else {
      this.partitions.push({ topic: event.topic, partition: event.partition, events: 1, firstOffset: offset, lastOffset: offset });
    }
  }

  private folding(): CompactStringSet {
    if (this.eventIds === null) throw new Error('This evaluation fold gave its result: it folds no more events');
    return this.eventIds;
  }

  /** The report over every event folded; given once. */
  result(): EvaluationReport {
    this.folding();
    this.eventIds = null;
    const { asOf, kind, coverageRule, phaseTargets } = this.settings;
    const inForce = phaseInForce(phaseTargets.targets, asOf);
    const programmeFacts = this.programme?.facts() ?? null;
    const facts = this.facts.facts(programmeFacts ? programmeFacts.sessionDate : () => undefined);
    const certified = certifiedFacts(facts);
    const figures = countFigures(facts, certified, coverageRule.rule, inForce?.phase.bands ?? null);
    const rejectedEvents = programmeFacts ? mergeRejected(this.rejected, programmeFacts.rejected.map(rejection)) : this.rejected;
    const partitions: InputPartitionSummary[] = this.partitions.map((summary) => ({ ...summary }));
    return {
      reportCodeVersion: this.version,
      kind,
      asOf,
      coverageRule,
      phaseTargets: { version: phaseTargets.version, phase: inForce ? { ...inForce.phase, relation: inForce.relation } : null },
      inputs: { events: this.events, duplicateEvents: this.duplicateEvents, rejectedEvents, partitions },
      ...figures,
      ...(programmeFacts ? { rules: evaluationRulesV2, programme: programmeFiguresOf(facts, certified.learnerTimes, programmeFacts) } : {}),
    };
  }
}

function requirePolicy<T>(parsed: PolicyParse<T>, field: string): T {
  if (!parsed.ok) throw new DomainRuleViolation('policy-valid', `${field}: ${parsed.reason}`, field);
  return parsed.policy;
}

/** Both lists are in fold order already; merged, they are in the order of the log. */
function mergeRejected(a: readonly RejectedEvent[], b: readonly RejectedEvent[]): RejectedEvent[] {
  const at = (event: RejectedEvent) => ({ topic: event.topic, partition: event.partition, offset: BigInt(event.offset) });
  return [...a, ...b].sort((x, y) => comparePositions(at(x), at(y)));
}

function rejection(event: PositionedEvent): RejectedEvent {
  return {
    topic: event.topic,
    partition: event.partition,
    offset: event.offset.toString(),
    eventId: event.eventId,
    type: event.type,
    // A fixed reason: the wording of validation messages changes with library versions, the report must not.
    reason: 'data-does-not-match-contract',
  };
}
