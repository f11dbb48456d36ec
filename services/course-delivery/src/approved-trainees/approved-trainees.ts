import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Projector } from '@training-ledger/read-models';
import { type ApprovedNominationDocument, approvedTraineesProjection } from './approved-trainees.projection';

export const APPROVED_SET_TTL_MS = 5_000;

/**
 * The trainees approved for a run as of the enrolment events consumed so far. It lags enrolment by
 * the time those events take to arrive: a trainee approved a moment ago may still be refused.
 */
@Injectable()
export class ApprovedTrainees {
  private readonly approvedByRun = new LRUCache<string, ReadonlySet<string>>({ max: 500, ttl: APPROVED_SET_TTL_MS });

  constructor(private readonly projector: Projector) {}

  async of(runId: string): Promise<string[]> {
    const model = await this.projector.model<ApprovedNominationDocument>(approvedTraineesProjection);
    const documents = await model.find({ runId, approved: true }, { traineeId: 1 }).lean<Pick<ApprovedNominationDocument, 'traineeId'>[]>();
    return [...new Set(documents.map((document) => document.traineeId))].sort();
  }

  /**
   * Those of `traineeIds` approved for the run. A run's approved set is kept for a few seconds, so a
   * posting in many requests reads the view once; a trainee it does not hold reads the view again,
   * so a fresh approval is never refused for the cache's sake. A withdrawal can therefore take up to
   * `APPROVED_SET_TTL_MS` longer to be seen, next to the lag of the view itself.
   */
  async among(runId: string, traineeIds: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(traineeIds)];
    let approved = this.approvedByRun.get(runId);
    if (!approved || wanted.some((traineeId) => !approved?.has(traineeId))) {
      approved = new Set(await this.of(runId));
      this.approvedByRun.set(runId, approved);
    }
    const known = approved;
    return wanted.filter((traineeId) => known.has(traineeId)).sort();
  }

  /** The trainees an agency nominated to the run and saw approved, withdrawn later or not. */
  async ofAgency(runId: string, agencyId: string): Promise<string[]> {
    const model = await this.projector.model<ApprovedNominationDocument>(approvedTraineesProjection);
    const documents = await model.find({ runId, agencyId }, { traineeId: 1 }).lean<Pick<ApprovedNominationDocument, 'traineeId'>[]>();
    return [...new Set(documents.map((document) => document.traineeId))].sort();
  }

  /** The agencies that send at least one approved trainee to the run. */
  async sendingAgencies(runId: string): Promise<string[]> {
    const model = await this.projector.model<ApprovedNominationDocument>(approvedTraineesProjection);
    const documents = await model.find({ runId, approved: true }, { agencyId: 1 }).lean<Pick<ApprovedNominationDocument, 'agencyId'>[]>();
    return [...new Set(documents.map((document) => document.agencyId))].sort();
  }
}
