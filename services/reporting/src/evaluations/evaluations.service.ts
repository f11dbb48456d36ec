import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainRuleViolation, type MessageMetadata } from '@training-ledger/decider';
import { handleCommand, loadStreamState, type EventStore, type GlobalPosition } from '@training-ledger/event-store';
import { EVENT_STORE } from '@training-ledger/service-runtime';
import { randomUUID } from 'node:crypto';
import {
  computeEvaluation,
  diffReports,
  type DigestDivergence,
  type EvaluationKind,
  type EvaluationReport,
  type FigureDifference,
  inputDigestSha256,
  isReportCodeVersion,
  renderReport,
  reportCodeVersion,
  type ReportCodeVersion,
  restatedFigures,
  type RestatedFigure,
} from '../evaluation-core';
import { evaluationEvent, type InboxPartition, readWholeInbox } from '../inbox/inbox-reader';
import { issueOverArchive, type Progress, replayOverArchive } from './archive-evaluation';
import { PolicyService } from '../policy/policy.service';
import { evaluationDecider, type EvaluationRecord, type EvaluationState, evaluationStreamName } from './evaluation.decider';

export interface IssueRequest {
  readonly kind: EvaluationKind;
  readonly asOf: string;
  readonly coverageRuleVersion?: number;
  readonly phaseTargetsVersion?: number;
}

export type ReplayOutcome =
  | { readonly outcome: 'identical'; readonly reportSha256: string; readonly inputDigestSha256: string; readonly eventsRead: number }
  | { readonly outcome: 'input-diverged'; readonly divergences: readonly DigestDivergence[]; readonly eventsRead: number }
  | {
      readonly outcome: 'report-differs';
      readonly recordedSha256: string;
      readonly replayedSha256: string;
      readonly firstDifference: FigureDifference;
      readonly eventsRead: number;
    };

export type RestatementChange = RestatedFigure;

/** The report code version new evaluations are issued under; the current one unless a deployment pins another. */
export const ISSUING_REPORT_CODE_VERSION = Symbol('ISSUING_REPORT_CODE_VERSION');

export interface Restatement {
  readonly evaluationId: string;
  readonly asOf: string;
  readonly issuedSha256: string;
  readonly restatedSha256: string;
  readonly eventsSinceIssue: number;
  readonly changes: readonly RestatementChange[];
}

export type { Progress };

/** What a computation over the whole archive reports while it runs. */
export interface ArchiveReadWatch {
  readonly progress?: Progress;
  /** The archive has been read through this position (null: it was empty); nothing archived later enters the result. */
  readonly readThrough?: (position: GlobalPosition | null) => void;
}

/**
 * Evaluations computed from reporting's archive of integration events alone, never from read
 * models: issue (and record exactly what was read), replay (re-read exactly that and recompute),
 * restate (the same as-of date over today's archive).
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly policies: PolicyService,
    @Optional() @Inject(ISSUING_REPORT_CODE_VERSION) private readonly issuingVersion: ReportCodeVersion = reportCodeVersion,
  ) {}

  async issue(request: IssueRequest, issuedAt: string, metadata: MessageMetadata, evaluationId: string = randomUUID(), watch: ArchiveReadWatch = {}): Promise<EvaluationRecord> {
    const coverageRule = await this.policies.coverageRule(request.coverageRuleVersion);
    const phaseTargets = await this.policies.phaseTargets(request.phaseTargetsVersion);
    const { report, inputs, inputDigest } = await issueOverArchive(
      this.eventStore,
      { asOf: request.asOf, kind: request.kind, coverageRule, phaseTargets, reportCodeVersion: this.issuingVersion },
      watch,
    );
    const rendered = renderReport(report);
    const record: EvaluationRecord = {
      evaluationId,
      kind: request.kind,
      asOf: request.asOf,
      coverageRuleVersion: coverageRule.version,
      phaseTargetsVersion: phaseTargets.version,
      reportCodeVersion: this.issuingVersion,
      issuedBy: metadata.actor.id,
      issuedAt,
      inputs,
      inputDigest,
      inputDigestSha256: inputDigestSha256(inputDigest),
      reportJson: rendered.canonicalJson,
      reportSha256: rendered.sha256,
    };
    await handleCommand(this.eventStore, evaluationDecider, {
      streamName: evaluationStreamName(evaluationId),
      commandId: randomUUID(),
      command: { type: 'IssueEvaluation', data: record, metadata },
    });
    return record;
  }

  /** The request with the policy versions in force now named, so that a job run later uses them; an unknown version is refused here. */
  async withPolicyVersions(request: IssueRequest): Promise<IssueRequest> {
    const coverageRule = await this.policies.coverageRule(request.coverageRuleVersion);
    const phaseTargets = await this.policies.phaseTargets(request.phaseTargetsVersion);
    return { kind: request.kind, asOf: request.asOf, coverageRuleVersion: coverageRule.version, phaseTargetsVersion: phaseTargets.version };
  }

  async issued(evaluationId: string): Promise<EvaluationRecord> {
    return (await this.state(evaluationId)).issued!;
  }

  /**
   * Re-reads exactly the recorded events, checks them against the recorded input digest, and
   * recomputes the report with the recorded policy versions. Nothing of the present (clock, read
   * models, events appended since) enters.
   */
  async replay(evaluationId: string, onProgress?: Progress): Promise<ReplayOutcome> {
    const issued = await this.issued(evaluationId);
    const replayed = await replayOverArchive(
      this.eventStore,
      {
        asOf: issued.asOf,
        kind: issued.kind,
        coverageRule: await this.policies.coverageRule(issued.coverageRuleVersion),
        phaseTargets: await this.policies.phaseTargets(issued.phaseTargetsVersion),
        reportCodeVersion: issuedCodeVersion(issued.reportCodeVersion),
      },
      issued,
      onProgress,
    );
    const read = replayed.eventsRead;
    if (!replayed.matches) return { outcome: 'input-diverged', divergences: replayed.divergences, eventsRead: read };
    const report = replayed.report;
    const rendered = renderReport(report);
    if (rendered.sha256 === issued.reportSha256 && rendered.canonicalJson === issued.reportJson) {
      return { outcome: 'identical', reportSha256: rendered.sha256, inputDigestSha256: issued.inputDigestSha256, eventsRead: read };
    }
    const [firstDifference] = diffReports(JSON.parse(issued.reportJson) as EvaluationReport, report);
    return {
      outcome: 'report-differs',
      recordedSha256: issued.reportSha256,
      replayedSha256: rendered.sha256,
      firstDifference: firstDifference ?? { path: '(report code)', change: 'changed', before: issued.reportCodeVersion, after: reportCodeVersion },
      eventsRead: read,
    };
  }

  async recordReplay(evaluationId: string, outcome: ReplayOutcome, metadata: MessageMetadata): Promise<void> {
    const detail =
      outcome.outcome === 'identical'
        ? outcome.reportSha256
        : outcome.outcome === 'input-diverged'
          ? outcome.divergences.map((divergence) => divergence.message).join('; ')
          : `${outcome.firstDifference.path}: ${JSON.stringify(outcome.firstDifference.before)} → ${JSON.stringify(outcome.firstDifference.after)}`;
    await handleCommand(this.eventStore, evaluationDecider, {
      streamName: evaluationStreamName(evaluationId),
      commandId: randomUUID(),
      maxAttempts: 3,
      command: {
        type: 'RecordReplay',
        data: { evaluationId, replayedBy: metadata.actor.id, replayedAt: metadata.occurredAt, outcome: outcome.outcome, detail },
        metadata,
      },
    });
  }

  /** The same as-of date and policies over today's archive: what changed since issue, and the events that changed it. */
  async restate(evaluationId: string, watch: ArchiveReadWatch = {}): Promise<Restatement> {
    const issued = await this.issued(evaluationId);
    const partitions = await this.readArchive(watch);
    const now = partitions.flatMap((partition) => partition.events.map((event) => evaluationEvent(event, event)));
    const recordedThrough = new Map(issued.inputs.map((range) => [`${range.topic}/${range.partition}`, range.lastOffset === null ? -1n : BigInt(range.lastOffset)]));
    const sinceIssue = now.filter((event) => BigInt(event.offset) > (recordedThrough.get(`${event.topic}/${event.partition}`) ?? -1n));
    const atIssue = now.filter((event) => BigInt(event.offset) <= (recordedThrough.get(`${event.topic}/${event.partition}`) ?? -1n));
    const report = computeEvaluation({
      asOf: issued.asOf,
      kind: issued.kind,
      coverageRule: await this.policies.coverageRule(issued.coverageRuleVersion),
      phaseTargets: await this.policies.phaseTargets(issued.phaseTargetsVersion),
      events: now,
      reportCodeVersion: issuedCodeVersion(issued.reportCodeVersion),
    });
    const rendered = renderReport(report);
    return {
      evaluationId,
      asOf: issued.asOf,
      issuedSha256: issued.reportSha256,
      restatedSha256: rendered.sha256,
      eventsSinceIssue: sinceIssue.length,
      changes: restatedFigures(JSON.parse(issued.reportJson) as EvaluationReport, report, atIssue, now),
    };
  }

  async list(): Promise<EvaluationRecord[]> {
    const records: EvaluationRecord[] = [];
    let after: Parameters<EventStore['readAll']>[0] = 'start';
    for (;;) {
      const page = await this.eventStore.readAll(after, { limit: 1_000, filter: { eventTypes: ['EvaluationIssued.v1'] } });
      records.push(...page.map((event) => event.data as EvaluationRecord));
      if (page.length < 1_000) return records;
      after = { after: page.at(-1)!.globalPosition };
    }
  }

  private async readArchive(watch: ArchiveReadWatch): Promise<InboxPartition[]> {
    const { partitions, through } = await readWholeInbox(this.eventStore, (read) => watch.progress?.(read, null));
    watch.readThrough?.(through);
    return partitions;
  }

  private async state(evaluationId: string): Promise<EvaluationState> {
    const { state } = await loadStreamState(this.eventStore, evaluationDecider, evaluationStreamName(evaluationId));
    if (!state.issued) throw new DomainRuleViolation('evaluation-must-exist', `No evaluation ${evaluationId}`, 'evaluationId', 'not-found');
    return state;
  }
}

/** An evaluation is replayed and restated by the code it was issued under, kept for good. */
function issuedCodeVersion(version: string): ReportCodeVersion {
  if (!isReportCodeVersion(version)) {
    throw new DomainRuleViolation('report-code-version-known', `This build cannot compute ${version}`, 'reportCodeVersion', 'conflict');
  }
  return version;
}
