import { Body, Controller, Get, Header, HttpCode, Inject, Logger, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { RevocationCategory } from '@training-ledger/contracts';
import { Public } from '@training-ledger/auth';
import { DomainRuleViolation } from '@training-ledger/decider';
import { PROBLEM_TYPES, ProblemException } from '@training-ledger/platform';
import { Projector } from '@training-ledger/read-models';
import { ThrottlerGuard } from '@nestjs/throttler';
import { IsJWT, IsString } from 'class-validator';
import { type CertificateDocument, certificatesProjection } from '../certificates/certificates.projection';
import { YEAR } from '../certificates/certificate-requests.dto';
import { CertificatesService } from '../certificates/certificates.service';
import { HolderNames } from '../certificates/holder-names';
import { CERTIFICATION_CLOCK } from '../clock';
import type { Clock } from '@training-ledger/platform';
import { CredentialsService } from './credentials.service';
import { renderVerificationPage, type VerificationPage } from './verification-page';

export class PresentedCredentialDto {
  @ApiProperty({
    description: 'The certificate credential as a compact JWT (vc+jwt)',
    // The form class-validator's IsJWT accepts.
    pattern: /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/,
  })
  @IsString({ message: 'credential must be a compact JWT' })
  @IsJWT({ message: 'credential must be a compact JWT' })
  credential!: string;
}

/**
 * What a printed certificate shows, and nothing more: no trainee id, no agency, no basis. Asked by
 * number alone (numbers are sequential, so anyone could walk them) the holder's name is masked to
 * initials; asked with the verification code printed under the QR code, every printed field shows.
 */
export interface VerificationAnswer {
  readonly status: 'valid' | 'revoked';
  readonly certificateNumber: string;
  /** Null once the holder's personal data was erased: the certificate stays valid, its name is gone. */
  readonly holderName: string | null;
  /** True when `holderName` holds only initials: the lookup did not quote the verification code. */
  readonly holderNameMasked: boolean;
  readonly holderNameErased: boolean;
  readonly courseTitleVi: string;
  readonly courseTitleEn: string;
  readonly level: string;
  readonly trainingGroup: string;
  readonly format: string;
  readonly runStartDate: string;
  readonly runEndDate: string;
  readonly issuedOn: string;
  readonly revokedOn: string | null;
  /** The kind of reason, never the certifier's own words. */
  readonly revocationCategory: RevocationCategory | null;
  readonly replacedBy: string | null;
}

/** "Nguyễn Thị Hồng Nhung" → "N. T. H. N.": enough to match a paper in hand, not to build a register of names. */
export function holderInitials(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '')
    .map((word) => `${[...word.normalize('NFC')][0]!.toLocaleUpperCase('vi')}.`)
    .join(' ');
}

/** What the verification routes use of Express's request and response. */
interface Request {
  accepts(types: string[]): string | false;
}
interface Response {
  type(type: string): unknown;
  status(code: number): unknown;
  redirect(status: number, url: string): void;
}

const VERIFICATION_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const CERTIFICATE_NUMBER = /^(\d{4})[/-](\d{6})$/;

@ApiTags('Public verification (xác minh chứng nhận)')
@Public()
@UseGuards(ThrottlerGuard)
@Controller()
export class VerificationController {
  private readonly logger = new Logger('Verification');

  constructor(
    private readonly credentials: CredentialsService,
    private readonly certificates: CertificatesService,
    private readonly holderNames: HolderNames,
    private readonly projector: Projector,
    @Inject(CERTIFICATION_CLOCK) private readonly clock: Clock,
  ) {}

  @Get('verify')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The verification page: a form to type a verification code or certificate number; with ?code= it leads to that certificate’s page' })
  @ApiQuery({ name: 'code', required: false, description: 'What was typed: a verification code or a certificate number', schema: { type: 'string', maxLength: 64 } })
  verifyForm(@Query('code') typed: string | undefined, @Res({ passthrough: true }) response: Response): string | void {
    const reference = typed?.trim() ?? '';
    if (reference !== '' && reference.length <= 64) return response.redirect(303, `/verify/${encodeURIComponent(reference.replace('/', '-'))}`);
    response.type('html');
    return renderVerificationPage({ kind: 'form' });
  }

  @Get('verify/:code')
  @ApiProduces('application/json', 'text/html')
  @ApiOperation({
    summary: 'Verify a certificate by the verification code printed under its QR code, or by its number (2027/000123 or 2027-000123)',
    description:
      'No token needed. Answers valid or revoked (with its date and the kind of reason) and what the printed certificate shows; 404 when unknown. ' +
      'By number alone the holder’s name shows as initials; add ?code=<verification code> to see every printed field. ' +
      'A browser (Accept: text/html) gets the same as a page in Vietnamese and English, without a script.',
  })
  @ApiQuery({ name: 'code', required: false, description: 'With a certificate number: the verification code printed on it', schema: { type: 'string', pattern: VERIFICATION_CODE.source } })
  // Below the query of the same name: Nest's document merges a path parameter into the first explicit one so named.
  @ApiParam({ name: 'code', description: 'The verification code, or the certificate number (2027/000123 or 2027-000123)', schema: { type: 'string', pattern: `${VERIFICATION_CODE.source}|${CERTIFICATE_NUMBER.source}` } })
  async verify(
    @Param('code') reference: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Query('code') printedCode?: string,
  ): Promise<VerificationAnswer | string> {
    if (request.accepts(['application/json', 'text/html']) !== 'text/html') return this.answerFor(reference, printedCode);
    response.type('html');
    let page: VerificationPage;
    try {
      page = { kind: 'found', answer: await this.answerFor(reference, printedCode) };
    } catch (error) {
      page = this.pageForFailure(error, reference);
    }
    response.status(page.kind === 'found' ? 200 : page.kind === 'malformed' ? 400 : page.kind === 'unknown' ? 404 : 503);
    return renderVerificationPage(page);
  }

  /** The page for a lookup that found nothing: what was typed is shown back only escaped, and never beyond 64 characters. */
  private pageForFailure(error: unknown, reference: string): VerificationPage {
    const shown = reference.trim().slice(0, 64);
    if (error instanceof ProblemException && error.getStatus() === 400) return { kind: 'malformed', reference: shown };
    if (error instanceof DomainRuleViolation && error.kind === 'not-found') return { kind: 'unknown', reference: shown };
    this.logger.error(`Verification of ${JSON.stringify(shown)} could not be answered: ${error instanceof Error ? error.message : String(error)}`);
    return { kind: 'unavailable' };
  }

  private async answerFor(reference: string, printedCode: string | undefined): Promise<VerificationAnswer> {
    const normalised = reference.trim().toUpperCase();
    const compactCode = normalised.replace(/[\s-]/g, '');
    const number = CERTIFICATE_NUMBER.exec(normalised);
    if (!number && !VERIFICATION_CODE.test(compactCode)) {
      const reason = 'must be a certificate number like 2027/000123 or the 10-character verification code printed under the QR code';
      throw new ProblemException({ type: PROBLEM_TYPES.validation, status: 400, detail: `code ${reason}`, errors: [{ field: 'code', reason }] });
    }
    const quotedCode = number ? printedCode?.trim().toUpperCase().replace(/[\s-]/g, '') : compactCode;
    if (number && quotedCode !== undefined && !VERIFICATION_CODE.test(quotedCode)) {
      const reason = 'must be the 10-character verification code printed under the QR code';
      throw new ProblemException({ type: PROBLEM_TYPES.validation, status: 400, detail: `code ${reason}`, errors: [{ field: 'code', reason }] });
    }
    const model = await this.projector.model<CertificateDocument>(certificatesProjection);
    const document = await model
      .findOne(number ? { certificateNumber: `${number[1]}/${number[2]}` } : { verificationCode: compactCode }, { _id: 1, replacedByCertificateId: 1 })
      .lean<Pick<CertificateDocument, '_id' | 'replacedByCertificateId'>>();
    const certificateId =
      document?._id ??
      (await this.certificates.findInRegisters(number ? { certificateNumber: `${number[1]}/${number[2]}` } : { verificationCode: compactCode }, this.clock.now()));
    if (!certificateId) throw new DomainRuleViolation('certificate-must-exist', 'No certificate has this number or code', 'code', 'not-found');
    const { record, revoked } = await this.certificates.registered(certificateId);
    // A number with a code that is not its own is answered as unknown: a wrong guess learns nothing.
    if (number && quotedCode !== undefined && quotedCode !== record.verificationCode) {
      throw new DomainRuleViolation('certificate-must-exist', 'No certificate has this number or code', 'code', 'not-found');
    }
    const masked = quotedCode === undefined;
    const holder = await this.holderNames.of(record);
    const replacement = document?.replacedByCertificateId
      ? await model.findById(document.replacedByCertificateId, { certificateNumber: 1 }).lean<Pick<CertificateDocument, 'certificateNumber'>>()
      : null;
    return {
      status: revoked ? 'revoked' : 'valid',
      certificateNumber: record.certificateNumber,
      holderName: holder.kind === 'erased' ? null : masked ? holderInitials(holder.name) : holder.name,
      holderNameMasked: masked,
      holderNameErased: holder.kind === 'erased',
      courseTitleVi: record.courseTitleVi,
      courseTitleEn: record.courseTitleEn,
      level: record.level,
      trainingGroup: record.trainingGroup,
      format: record.format,
      runStartDate: record.runStartDate,
      runEndDate: record.runEndDate,
      issuedOn: record.issuedOn,
      revokedOn: revoked?.revokedOn ?? null,
      revocationCategory: revoked?.category ?? null,
      replacedBy: replacement?.certificateNumber ?? null,
    };
  }

  @Post('verify/credential')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify a presented certificate credential (JWT): signature, issuer and revocation status' })
  async verifyCredential(@Body() body: PresentedCredentialDto) {
    const verification = await this.credentials.verifyPresented(body.credential);
    if (!verification.valid) return { valid: false, reason: verification.reason };
    const { credential } = verification;
    return { valid: true, kid: verification.kid, id: credential.id, name: credential.name, validFrom: credential.validFrom };
  }

  @Get('issuer')
  @ApiOperation({ summary: 'The issuer profile (Open Badges 3.0 Profile) of MOFA' })
  issuer() {
    return this.credentials.issuerProfile();
  }

  @Get('.well-known/jwks.json')
  @ApiOperation({ summary: 'The public keys certificates are signed with, retired ones included' })
  jwks() {
    return this.credentials.publicJwks();
  }

  @Get('status-lists/:year')
  @Header('content-type', 'application/vc+jwt')
  @ApiParam({ name: 'year', schema: { type: 'string', pattern: YEAR.source } })
  @ApiOperation({ summary: 'The revocation status list of a year’s certificates (W3C Bitstring Status List), signed' })
  statusList(@Param('year') year: string): Promise<string> {
    if (!YEAR.test(year)) throw new DomainRuleViolation('year-format', 'year must be four digits', 'year');
    return this.credentials.statusList(Number(year));
  }
}
