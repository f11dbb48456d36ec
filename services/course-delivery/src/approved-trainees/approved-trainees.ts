import { Injectable } from '@nestjs/common';
import { Projector } from '@training-ledger/read-models';
import { type ApprovedNominationDocument, approvedTraineesProjection } from './approved-trainees.projection';

/**
 * The trainees approved for a run as of the enrolment events consumed so far. It lags enrolment by
 * the time those events take to arrive: a trainee approved a moment ago may still be refused.
 */
@Injectable()
export class ApprovedTrainees {
  constructor(private readonly projector: Projector) {}

  async of(runId: string): Promise<string[]> {
    const model = await this.projector.model<ApprovedNominationDocument>(approvedTraineesProjection);
    const documents = await model.find({ runId, approved: true }, { traineeId: 1 }).lean<Pick<ApprovedNominationDocument, 'traineeId'>[]>();
    return [...new Set(documents.map((document) => document.traineeId))].sort();
  }

  /** The agencies that send at least one approved trainee to the run. */
  async sendingAgencies(runId: string): Promise<string[]> {
    const model = await this.projector.model<ApprovedNominationDocument>(approvedTraineesProjection);
    const documents = await model.find({ runId, approved: true }, { agencyId: 1 }).lean<Pick<ApprovedNominationDocument, 'agencyId'>[]>();
    return [...new Set(documents.map((document) => document.agencyId))].sort();
  }
}
