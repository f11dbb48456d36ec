import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { checkpointMark, Projector } from '@training-ledger/read-models';
import { type ApprovedNominationDocument, approvedTraineesProjection } from './approved-trainees.projection';

type Decided = Pick<ApprovedNominationDocument, 'traineeId' | 'agencyId' | 'approved'>;

/** A run's decided nominations as the view held them when its checkpoint read `mark`. */
interface RunDecisions {
  readonly mark: string;
  readonly decided: readonly Decided[];
  readonly approved: ReadonlySet<string>;
}

/**
 * The trainees approved for a run as of the enrolment events consumed so far. It lags enrolment by
 * the time those events take to arrive: a trainee approved a moment ago may still be refused.
 *
 * A run's decisions are read once and kept while the view's checkpoint stays where it was: every
 * attendance request asks, and reading the checkpoint is one document where a run holds hundreds.
 * The checkpoint is read before the run, and the view saves it after writing, so a change being
 * written while the run is read moves the checkpoint past what was kept. The checkpoint itself is
 * read at most every `CHECKPOINT_READ_INTERVAL_MS`: a busy FerretDB answers it in tens of
 * milliseconds, which every request of a posting paid.
 */
@Injectable()
export class ApprovedTrainees {
  private readonly byRun = new LRUCache<string, RunDecisions>({ max: 500 });
  private lastMark: { readonly readAt: number; readonly mark: Promise<string> } | null = null;

  constructor(private readonly projector: Projector) {}

  async of(runId: string): Promise<string[]> {
    return [...(await this.decisionsOf(runId)).approved].sort();
  }

  /** Those of `traineeIds` approved for the run. */
  async among(runId: string, traineeIds: readonly string[]): Promise<string[]> {
    const { approved } = await this.decisionsOf(runId);
    return [...new Set(traineeIds)].filter((traineeId) => approved.has(traineeId)).sort();
  }

  /** The trainees an agency nominated to the run and saw approved, withdrawn later or not. */
  async ofAgency(runId: string, agencyId: string): Promise<string[]> {
    const { decided } = await this.decisionsOf(runId);
    return distinctSorted(decided.filter((decision) => decision.agencyId === agencyId).map((decision) => decision.traineeId));
  }

  /** The agencies that send at least one approved trainee to the run. */
  async sendingAgencies(runId: string): Promise<string[]> {
    const { decided } = await this.decisionsOf(runId);
    return distinctSorted(decided.filter((decision) => decision.approved).map((decision) => decision.agencyId));
  }

  private async decisionsOf(runId: string): Promise<RunDecisions> {
    const mark = await this.currentMark();
    const kept = this.byRun.get(runId);
    if (kept?.mark === mark) return kept;
    const model = await this.projector.model<ApprovedNominationDocument>(approvedTraineesProjection);
    const decided = await model.find({ runId }, { _id: 0, traineeId: 1, agencyId: 1, approved: 1 }).lean<Decided[]>();
    const decisions: RunDecisions = { mark, decided, approved: new Set(decided.filter((decision) => decision.approved).map((decision) => decision.traineeId)) };
    this.byRun.set(runId, decisions);
    return decisions;
  }

  private currentMark(): Promise<string> {
    const now = Date.now();
    if (this.lastMark && now - this.lastMark.readAt < CHECKPOINT_READ_INTERVAL_MS) return this.lastMark.mark;
    const mark = this.projector.loadCheckpoint(approvedTraineesProjection.name).then(checkpointMark);
    this.lastMark = { readAt: now, mark };
    // A failed read is not kept: the next request reads again.
    mark.catch(() => {
      if (this.lastMark?.mark === mark) this.lastMark = null;
    });
    return mark;
  }
}

export const CHECKPOINT_READ_INTERVAL_MS = 250;

function distinctSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
