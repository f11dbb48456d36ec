import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation, enforce } from '@training-ledger/decider';
import { ApiBulkAnswer, ApiIdempotencyKey, ApiPaged, commandMetadata, CorrelationId, executeIdempotently, IDEMPOTENCY_KEY_HEADER, type IdempotencyStore, type PagedResponse, pageOf, requireIdempotencyKey, setTotalCount, vietnameseDate } from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { CERTIFICATION_CLOCK } from '../clock';
import type { Clock } from '@training-ledger/platform';
import { IssueCertificatesDto, IssueOneCertificateDto, ReissueCertificateDto, revocationOf, RevokeCertificateDto, YEAR } from './certificate-requests.dto';
import { type CertificateDocument, certificatesProjection } from './certificates.projection';
import { CertificatesService, type IssuedItem, type IssueResult } from './certificates.service';
import { HolderNames } from './holder-names';
import { CERTIFICATE_READERS, CERTIFIERS, listedAgency, mayListCertificatesOf, maySeeHolderDetails, WORKLIST_READERS } from './who-may';

export const ISSUE_IDEMPOTENCY_STORE = 'certification:issue-idempotency-store';

/**
 * A certificate as a list shows it. What identifies the holder (name, verification code, the
 * certifier's words on a revocation) is shown only to those `maySeeHolderDetails` names; to others it
 * is null and `holderDetails` says it was withheld. A name erased with the trainee's data is null
 * for everyone, with `holderNameErased`.
 */
export type CertificateListEntry = Omit<CertificateDocument, 'sealedHolderName' | 'holderName' | 'verificationCode' | 'revocationReason'> & {
  readonly holderDetails: 'shown' | 'withheld';
  readonly holderName: string | null;
  readonly holderNameErased: boolean;
  readonly verificationCode: string | null;
  readonly revocationReason: string | null;
};

@ApiTags('Certificates (chứng nhận bồi dưỡng)')
@ApiBearerAuth()
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly projector: Projector,
    private readonly holderNames: HolderNames,
    @Inject(ISSUE_IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore<IssueResult>,
    @Inject(CERTIFICATION_CLOCK) private readonly clock: Clock,
  ) {}

  @Post('runs/:runId/certificates')
  @HttpCode(200)
  @Roles(...CERTIFIERS)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Issue certificates for trainees of a completed run in one action (cấp chứng nhận)',
    description:
      'Each trainee gets its own result: accepted with the certificate’s id, number and verification code, ' +
      'or refused with the rule (not eligible, already certified, run not completed).',
  })
  @ApiBulkAnswer({
    description: 'A result per trainee, in the order given, with the count of each result',
    answer: { runId: { type: 'string' } },
    subject: { traineeId: { type: 'string' } },
    accepted: { certificateId: { type: 'string' }, certificateNumber: { type: 'string' }, verificationCode: { type: 'string' } },
  })
  async issueForRun(
    @Param('runId') runId: string,
    @Body() body: IssueCertificatesDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<IssueResult> {
    const key = requireIdempotencyKey(idempotencyKey, 'so that a retry never issues twice');
    const metadata = commandMetadata(actor, correlationId, this.clock.now().toISOString());
    return executeIdempotently(this.idempotency, { key, scope: `issue:${actor.id}:${runId}`, request: { runId, holders: body.holders } }, () =>
      this.certificates.issue(runId, body.holders, vietnameseDate(this.clock.now()), metadata),
    );
  }

  @Post('runs/:runId/trainees/:traineeId/certificate')
  @Roles(...CERTIFIERS)
  @ApiOperation({ summary: 'Issue the certificate of one trainee of a completed run' })
  async issueOne(
    @Param('runId') runId: string,
    @Param('traineeId') traineeId: string,
    @Body() body: IssueOneCertificateDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<IssuedItem> {
    const metadata = commandMetadata(actor, correlationId, this.clock.now().toISOString());
    const result = await this.certificates.issue(runId, [{ traineeId, holderName: body.holderName }], vietnameseDate(this.clock.now()), metadata);
    const item = result.items[0];
    if (item?.result === 'refused') throw new DomainRuleViolation(item.rule, item.reason, item.field ?? undefined, item.kind);
    if (item?.result !== 'accepted') throw new Error(`Issuing for trainee ${traineeId} of run ${runId} recorded nothing`);
    const { index: _index, ...issued } = item;
    return issued;
  }

  @Get('runs/:runId/worklist')
  @Roles(...WORKLIST_READERS)
  @ApiOperation({ summary: 'Eligible trainees of a run not yet certified: the certifier’s worklist' })
  worklist(@Param('runId') runId: string) {
    return this.certificates.worklist(runId);
  }

  @Get('runs/:runId/eligibility')
  @Roles(...WORKLIST_READERS)
  @ApiOperation({
    summary: 'Every assessed trainee of a run, eligible or not with the completion rule’s reasons, and whether a valid certificate is held: the preview before issuing',
  })
  eligibility(@Param('runId') runId: string) {
    return this.certificates.eligibility(runId);
  }

  @Post('certificates/:certificateId/revoke')
  @HttpCode(200)
  @Roles(...CERTIFIERS)
  @ApiOperation({ summary: 'Revoke a certificate with the reason (thu hồi); nothing is deleted' })
  async revoke(
    @Param('certificateId') certificateId: string,
    @Body() body: RevokeCertificateDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ) {
    const metadata = commandMetadata(actor, correlationId, this.clock.now().toISOString());
    const events = await this.certificates.revoke(certificateId, revocationOf(body), vietnameseDate(this.clock.now()), metadata);
    return { certificateId, revoked: events.length > 0 };
  }

  @Post('certificates/:certificateId/reissue')
  @Roles(...CERTIFIERS)
  @ApiOperation({ summary: 'Issue a new certificate for a revoked one (cấp lại); the new one references it' })
  reissue(
    @Param('certificateId') certificateId: string,
    @Body() body: ReissueCertificateDto,
    @CurrentActor() actor: AuthenticatedActor,
    @CorrelationId() correlationId: string,
  ): Promise<IssuedItem> {
    const metadata = commandMetadata(actor, correlationId, this.clock.now().toISOString());
    return this.certificates.reissue(certificateId, body.holderName, vietnameseDate(this.clock.now()), metadata);
  }

  @Get('certificates')
  @Roles(...CERTIFICATE_READERS)
  @ApiOperation({ summary: 'Certificates by trainee, agency, run, year and status' })
  @ApiQuery({ name: 'traineeId', required: false })
  @ApiQuery({ name: 'agencyId', required: false })
  @ApiQuery({ name: 'runId', required: false })
  @ApiQuery({ name: 'year', required: false, schema: { type: 'string', pattern: YEAR.source } })
  @ApiQuery({ name: 'status', required: false, enum: ['valid', 'revoked'] })
  @ApiPaged()
  async list(
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) response: PagedResponse,
    @Query('traineeId') traineeId?: string,
    @Query('agencyId') agencyId?: string,
    @Query('runId') runId?: string,
    @Query('year') year?: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<CertificateListEntry[]> {
    const page = pageOf({ limit, offset });
    if (year !== undefined && !YEAR.test(year)) throw new DomainRuleViolation('year-format', 'year must be four digits', 'year');
    if (status !== undefined && status !== 'valid' && status !== 'revoked') {
      throw new DomainRuleViolation('status-known', 'status must be valid or revoked', 'status');
    }
    enforce(mayListCertificatesOf(actor, agencyId));
    const filter: Record<string, unknown> = {};
    if (traineeId) filter.traineeId = traineeId;
    if (runId) filter.runId = runId;
    if (year) filter.year = Number(year);
    if (status) filter.status = status;
    const agency = listedAgency(actor, agencyId);
    if (agency) filter.agencyId = agency;
    const model = await this.projector.model<CertificateDocument>(certificatesProjection);
    setTotalCount(response, await model.countDocuments(filter));
    const documents = await model.find(filter).sort({ certificateNumber: 1 }).skip(page.offset).limit(page.limit).lean<CertificateDocument[]>();
    const shown = documents.filter((document) => maySeeHolderDetails(actor, document.agencyId));
    const names = new Map((await this.holderNames.ofMany(shown)).map((name, index) => [shown[index]!._id, name]));
    return documents.map(({ sealedHolderName: _sealed, holderName: _plain, verificationCode, revocationReason, ...document }): CertificateListEntry => {
      const name = names.get(document._id);
      if (!name) return { ...document, holderDetails: 'withheld', holderName: null, holderNameErased: false, verificationCode: null, revocationReason: null };
      return {
        ...document,
        holderDetails: 'shown',
        holderName: name.kind === 'printed' ? name.name : null,
        holderNameErased: name.kind === 'erased',
        verificationCode,
        revocationReason,
      };
    });
  }
}
