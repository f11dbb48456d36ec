import 'reflect-metadata';
import { DEFAULT_JSON_BODY_LIMIT } from '@training-ledger/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IssueCertificatesDto, MAX_CERTIFICATES_PER_REQUEST } from './certificates/certificate-requests.dto';

/** Certification reads the platform's default 2 MiB: the most certificates, every name at its longest in Vietnamese, fit. */
describe('the largest body certification reads', () => {
  it('holds the most holders', () => {
    const holders = Array.from({ length: MAX_CERTIFICATES_PER_REQUEST }, () => ({ traineeId: 'x'.repeat(128), holderName: 'Nguyễn Thị Hồng Nhung '.repeat(6).slice(0, 120) }));
    const body = { holders };
    expect(validateSync(plainToInstance(IssueCertificatesDto, body))).toEqual([]);
    const bytes = Buffer.byteLength(JSON.stringify(body));
    expect(bytes).toBeLessThanOrEqual(DEFAULT_JSON_BODY_LIMIT);
    expect(bytes).toBeGreaterThan(600_000);
  });
});
