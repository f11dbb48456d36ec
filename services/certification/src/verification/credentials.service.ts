import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CERTIFICATION_CLOCK } from '../clock';
import type { Clock } from '@training-ledger/platform';
import { CertificationConfig } from '../config';
import type { CertificateRecord } from '../certificates/certificate-register.decider';
import { CertificatesService } from '../certificates/certificates.service';
import {
  buildOpenBadgeCredential,
  buildStatusListCredential,
  encodeStatusList,
  issuerId,
  issuerProfile,
  type IssuerKeyRing,
  loadOrCreateKeyRing,
  signCredential,
  verifyPresentedCredential,
} from '../credentials';

export const CERTIFICATION_CONFIG = 'certification:config';

/** The signed forms of certificates: Open Badges credentials, the issuer's keys and the yearly revocation lists. */
@Injectable()
export class CredentialsService implements OnModuleInit {
  private keyRing!: IssuerKeyRing;

  constructor(
    @Inject(CERTIFICATION_CONFIG) private readonly config: CertificationConfig,
    @Inject(CERTIFICATION_CLOCK) private readonly clock: Clock,
    private readonly certificates: CertificatesService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.keyRing = await loadOrCreateKeyRing(this.config.ISSUER_KEYS_FILE, this.clock.now());
  }

  get baseUrl(): string {
    return this.config.publicBaseUrl();
  }

  statusListUrl(year: number): string {
    return `${this.baseUrl}/status-lists/${year}`;
  }

  verificationUrl(verificationCode: string): string {
    return `${this.baseUrl}/verify/${verificationCode}`;
  }

  issuerProfile() {
    return issuerProfile(this.baseUrl);
  }

  publicJwks() {
    return this.keyRing.publicJwks();
  }

  /** The certificate as a signed `OpenBadgeCredential` (VC-JWT), in the name it prints. */
  async credentialOf(record: CertificateRecord, holderName: string): Promise<string> {
    const year = Number(record.certificateNumber.slice(0, 4));
    const credential = buildOpenBadgeCredential(
      {
        certificateId: record.certificateId,
        certificateNumber: record.certificateNumber,
        verificationCode: record.verificationCode,
        holderName,
        traineeId: record.traineeId,
        courseCode: record.courseCode,
        courseTitleVi: record.courseTitleVi,
        courseTitleEn: record.courseTitleEn,
        level: record.level,
        trainingGroup: record.trainingGroup,
        format: record.format,
        runStartDate: record.runStartDate,
        runEndDate: record.runEndDate,
        issuedOn: record.issuedOn,
        statusListIndex: record.statusListIndex,
      },
      { baseUrl: this.baseUrl, statusListUrl: this.statusListUrl(year), identitySalt: record.certificateId },
    );
    return signCredential(this.keyRing, credential);
  }

  /** The year's Bitstring Status List credential as it stands now, signed. */
  async statusList(year: number): Promise<string> {
    const revoked = await this.certificates.revokedIndexes(year);
    return signCredential(
      this.keyRing,
      buildStatusListCredential({
        baseUrl: this.baseUrl,
        statusListUrl: this.statusListUrl(year),
        encodedList: encodeStatusList(revoked),
        validFrom: this.clock.now(),
      }),
    );
  }

  /** Checks a presented credential JWT: signature with the published keys, this issuer, and revocation. */
  async verifyPresented(jwt: string) {
    return verifyPresentedCredential(jwt, {
      jwks: (kid) => this.keyRing.publicJwk(kid),
      expectedIssuer: issuerId(this.baseUrl),
      isRevoked: async (index, listUrl) => {
        const match = /\/status-lists\/(\d{4})$/.exec(listUrl);
        if (!match || !listUrl.startsWith(this.baseUrl)) return true;
        return (await this.certificates.revokedIndexes(Number(match[1]))).includes(index);
      },
    });
  }
}
