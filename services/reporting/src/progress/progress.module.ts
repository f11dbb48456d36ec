import { Controller, Get, Inject, Module, type OnModuleInit, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { CALENDAR_DATE_REASON, certificationContract, courseDeliveryContract, enrolmentContract, isCalendarDate } from '@training-ledger/contracts';
import { DomainRuleViolation } from '@training-ledger/decider';
import { notDeleted, Projector } from '@training-ledger/read-models';
import { IntegrationConsumers, projectionConsumer } from '@training-ledger/service-runtime';
import { type AgencyDirectoryEntry, agencyDirectoryProjection } from '../agencies/agency-directory.projection';
import { REPORTING_CLOCK } from '../clock';
import type { Clock } from '@training-ledger/platform';
import { vietnameseDate } from '@training-ledger/platform';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { PolicyService } from '../policy/policy.service';
import { liveProgress, type ProgressView } from './live-progress';
import {
  type CertificateProgressDocument,
  certificateProgressProjection,
  type FeedbackProgressDocument,
  feedbackProgressProjection,
  type RosterDeclarationDocument,
  rosterDeclarationsProjection,
  type RunProgressDocument,
  runProgressProjection,
} from './progress.projections';
import { PROGRESS_READERS, progressAgencyOf } from './who-may';

@ApiTags('Progress (tiến độ)')
@ApiBearerAuth()
@Controller('progress')
export class ProgressController {
  constructor(
    private readonly projector: Projector,
    private readonly policies: PolicyService,
    @Inject(REPORTING_CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...PROGRESS_READERS)
  @ApiOperation({
    summary: 'Live progress against the targets of the phase in force, nationally and per agency',
    description: 'Read models fed by Kafka, for monitoring; evaluations are the sealed figures. An agency sees only its own figures.',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD; today in Viet Nam when omitted', schema: { type: 'string', format: 'date' } })
  async progress(@CurrentActor() actor: AuthenticatedActor, @Query('asOf') asOf?: string): Promise<ProgressView | ProgressView['agencies'][number]> {
    if (asOf !== undefined && !isCalendarDate(asOf)) throw new DomainRuleViolation('as-of-format', `asOf ${CALENDAR_DATE_REASON}`, 'asOf');
    const date = asOf ?? vietnameseDate(this.clock.now());
    const own = progressAgencyOf(actor);
    const scope = own ? { agencyId: own.agencyId } : {};
    const [agencies, rosters, certificates, runs, feedback, targets, coverageRule] = await Promise.all([
      this.projector.model<AgencyDirectoryEntry>(agencyDirectoryProjection).then((model) => model.find({ ...notDeleted, ...(own ? { _id: own.agencyId } : {}) }).lean<AgencyDirectoryEntry[]>()),
      this.projector.model<RosterDeclarationDocument>(rosterDeclarationsProjection).then((model) => model.find(scope).lean<RosterDeclarationDocument[]>()),
      this.projector.model<CertificateProgressDocument>(certificateProgressProjection).then((model) => model.find(scope).lean<CertificateProgressDocument[]>()),
      this.projector.model<RunProgressDocument>(runProgressProjection).then((model) => model.find(own ? { hostAgencyId: own.agencyId } : {}).lean<RunProgressDocument[]>()),
      this.projector.model<FeedbackProgressDocument>(feedbackProgressProjection).then((model) => model.find(scope).lean<FeedbackProgressDocument[]>()),
      this.policies.phaseTargets(),
      this.policies.coverageRule(),
    ]);
    const view = liveProgress({
      asOf: date,
      targets: targets.targets,
      coverageRule: coverageRule.rule,
      agencies: agencies.map((agency) => ({ agencyId: agency._id, nameVi: agency.nameVi, kind: agency.kind })),
      rosters,
      certificates,
      runs,
      feedback,
    });
    if (!own) return view;
    return view.agencies.find((agency) => agency.agencyId === own.agencyId) ?? { ...view.national, agencyId: own.agencyId ?? '', nameVi: null, kind: 'unregistered' };
  }
}

/** Live progress read models, fed by the integration events of enrolment, course delivery and certification. */
@Module({ imports: [EvaluationsModule], controllers: [ProgressController] })
export class ProgressModule implements OnModuleInit {
  constructor(
    private readonly consumers: IntegrationConsumers,
    private readonly projector: Projector,
  ) {}

  onModuleInit(): void {
    this.consumers.register(projectionConsumer(this.projector, rosterDeclarationsProjection, [enrolmentContract.topic]));
    this.consumers.register(projectionConsumer(this.projector, certificateProgressProjection, [certificationContract.topic]));
    this.consumers.register(projectionConsumer(this.projector, runProgressProjection, [courseDeliveryContract.topic]));
    this.consumers.register(projectionConsumer(this.projector, feedbackProgressProjection, [courseDeliveryContract.topic]));
  }
}
