import { renderVerificationPage } from './verification-page';
import type { VerificationAnswer } from './verification.controller';

const answer: VerificationAnswer = {
  status: 'valid',
  certificateNumber: '2027/000123',
  holderName: 'Nguyễn Thị Hồng Nhung',
  holderNameMasked: false,
  holderNameErased: false,
  courseTitleVi: 'Kỹ năng đàm phán quốc tế',
  courseTitleEn: 'International negotiation skills',
  level: 'advanced',
  trainingGroup: 'skills-and-style',
  format: 'online',
  runStartDate: '2027-03-01',
  runEndDate: '2027-03-12',
  issuedOn: '2027-03-15',
  revokedOn: null,
  revocationCategory: null,
  replacedBy: null,
};

describe('the public verification page', () => {
  it('puts the status first, then every printed field, in Vietnamese with English beside it', () => {
    const html = renderVerificationPage({ kind: 'found', answer });
    expect(html.indexOf('Hợp lệ')).toBeLessThan(html.indexOf('2027/000123'));
    for (const shown of ['Nguyễn Thị Hồng Nhung', 'Kỹ năng đàm phán quốc tế', 'International negotiation skills', 'Nâng cao', 'Kỹ năng, phong cách', 'Trực tuyến', '01/03/2027', '12/03/2027', '15/03/2027', '15 March 2027', 'Bộ Ngoại giao']) {
      expect(html).toContain(shown);
    }
    expect(html).toContain('<html lang="vi">');
    expect(html).not.toContain('<script');
  });

  it('says revoked, on which day, the kind of reason and the certificate that superseded it', () => {
    const html = renderVerificationPage({ kind: 'found', answer: { ...answer, status: 'revoked', revokedOn: '2027-04-02', revocationCategory: 'issued-in-error', replacedBy: '2027/000200' } });
    expect(html).toContain('Đã thu hồi');
    expect(html).toContain('Thu hồi ngày 02/04/2027: Cấp nhầm.');
    expect(html).toContain('Superseded by certificate 2027/000200.');
    expect(html).not.toContain('Hợp lệ');
  });

  it('shows initials as initials, and an erased name as erased', () => {
    expect(renderVerificationPage({ kind: 'found', answer: { ...answer, holderName: 'N. T. H. N.', holderNameMasked: true } })).toContain('chữ cái đầu');
    const erased = renderVerificationPage({ kind: 'found', answer: { ...answer, holderName: null, holderNameErased: true } });
    expect(erased).toContain('Họ tên đã được xóa');
    expect(erased).not.toContain('Nguyễn');
  });

  it('shows back what was typed only escaped', () => {
    const html = renderVerificationPage({ kind: 'malformed', reference: '<img src=x onerror=alert(1)>' });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(renderVerificationPage({ kind: 'unknown', reference: 'ZZZZZZZZZZ' })).toContain('<form method="get" action="/verify">');
    expect(renderVerificationPage({ kind: 'unavailable' })).toContain('Chưa kiểm tra được');
  });
});
