import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertAgencyAccess, CurrentActor, Roles, type AuthenticatedActor } from '@training-ledger/auth';
import { DomainRuleViolation } from '@training-ledger/decider';
import { renderCertificatePdf } from '../certificate-document';
import { CertificatesService } from '../certificates/certificates.service';
import { HolderNames, printedOrErased } from '../certificates/holder-names';
import { CredentialsService } from './credentials.service';
import { HOLDER_DOCUMENT_READERS } from './who-may';

@ApiTags('Certificates (chứng nhận bồi dưỡng)')
@ApiBearerAuth()
@Controller('certificates/:certificateId')
export class HolderDocumentsController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly credentials: CredentialsService,
    private readonly holderNames: HolderNames,
  ) {}

  @Get('credential')
  @Header('content-type', 'application/vc+jwt')
  @Roles(...HOLDER_DOCUMENT_READERS)
  @ApiOperation({
    summary: 'The certificate as a signed Open Badges 3.0 credential (VC-JWT) for the holder’s wallet',
    description: '409 once the holder’s personal data is erased: no new credential names them. One downloaded before stays verifiable.',
  })
  async credential(@Param('certificateId') certificateId: string, @CurrentActor() actor: AuthenticatedActor): Promise<string> {
    const { record } = await this.certificates.registered(certificateId);
    assertAgencyAccess(actor, record.agencyId);
    const holder = await this.holderNames.of(record);
    if (holder.kind === 'erased') {
      throw new DomainRuleViolation(
        'holder-not-erased',
        `The holder of certificate ${record.certificateNumber} had their personal data erased: no new credential names them`,
        'certificateId',
        'conflict',
      );
    }
    return this.credentials.credentialOf(record, holder.name);
  }

  @Get('certificate.pdf')
  @Roles(...HOLDER_DOCUMENT_READERS)
  @ApiOperation({ summary: 'The printable certificate (A4 PDF) with the QR code leading to its public verification' })
  async pdf(@Param('certificateId') certificateId: string, @CurrentActor() actor: AuthenticatedActor): Promise<StreamableFile> {
    const { record, revoked } = await this.certificates.registered(certificateId);
    assertAgencyAccess(actor, record.agencyId);
    const pdf = await renderCertificatePdf(
      { ...record, holderName: printedOrErased(await this.holderNames.of(record)), revoked: revoked ? { revokedOn: revoked.revokedOn } : null },
      { verificationUrl: this.credentials.verificationUrl(record.verificationCode) },
    );
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="chung-nhan-${record.certificateNumber.replace('/', '-')}.pdf"`,
    });
  }
}
