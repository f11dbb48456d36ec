import { assertNever } from '@training-ledger/decider';
import { escapeHtml } from '@training-ledger/platform';
import { type BilingualLabel, courseFormatLabels, courseLevelLabels, trainingGroupLabels } from '@training-ledger/contracts';
import { englishLongDate, vietnameseShortDate } from '../certificate-document';
import { ISSUER_NAME } from '../credentials';
import type { VerificationAnswer } from './verification.controller';

/** What a person who scanned a certificate's QR code, or typed its code, is shown. */
export type VerificationPage =
  | { readonly kind: 'found'; readonly answer: VerificationAnswer }
  | { readonly kind: 'unknown'; readonly reference: string }
  | { readonly kind: 'malformed'; readonly reference: string }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'form' };

const REVOCATION_CATEGORIES: Readonly<Record<string, BilingualLabel>> = {
  'attendance-misreported': { vi: 'Số liệu chuyên cần báo cáo sai', en: 'Attendance was misreported' },
  'not-eligible': { vi: 'Không đủ điều kiện', en: 'Not eligible' },
  'identity-error': { vi: 'Sai thông tin người được cấp', en: 'Wrong holder identity' },
  'issued-in-error': { vi: 'Cấp nhầm', en: 'Issued in error' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

const STYLE = `
  :root { color-scheme: light; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
  body { margin: 0; background: #f4f6f8; color: #1b1f24; line-height: 1.45; }
  header { background: #0b2e59; color: #fff; padding: 12px 16px; }
  header p { margin: 0; font-size: 0.95rem; }
  main { max-width: 40rem; margin: 0 auto; padding: 16px; }
  .status { border-radius: 8px; padding: 16px; margin: 0 0 16px; border: 3px solid; }
  .status h1 { margin: 0 0 4px; font-size: 1.6rem; }
  .status p { margin: 0; }
  .valid { background: #e7f6ec; border-color: #137333; color: #0b4f24; }
  .revoked { background: #fdecea; border-color: #b3261e; color: #7a1712; }
  .unknown, .unavailable { background: #fff4e5; border-color: #a65b00; color: #5c3300; }
  dl { background: #fff; border-radius: 8px; padding: 8px 16px; margin: 0 0 16px; }
  dt { font-weight: 700; margin-top: 10px; }
  dd { margin: 2px 0 8px; overflow-wrap: anywhere; }
  .en { color: #4a5460; font-size: 0.9rem; }
  form { background: #fff; border-radius: 8px; padding: 16px; }
  label { display: block; font-weight: 700; margin-bottom: 6px; }
  input { font: inherit; width: 100%; box-sizing: border-box; padding: 10px; border: 2px solid #4a5460; border-radius: 6px; }
  button { font: inherit; margin-top: 10px; padding: 10px 16px; border: 0; border-radius: 6px; background: #0b2e59; color: #fff; }
  footer { max-width: 40rem; margin: 0 auto; padding: 0 16px 24px; font-size: 0.85rem; color: #4a5460; }
`;

const bilingual = (vi: string, en: string) => `${escapeHtml(vi)}<br><span class="en" lang="en">${escapeHtml(en)}</span>`;
const dates = (date: string) => `${escapeHtml(vietnameseShortDate(date))} <span class="en" lang="en">(${escapeHtml(englishLongDate(date))})</span>`;
const field = (vi: string, en: string, value: string) => `<dt>${bilingual(vi, en)}</dt><dd>${value}</dd>`;

function statusOf(answer: VerificationAnswer): string {
  if (answer.status === 'valid') {
    return `<section class="status valid" role="status"><h1>✔ Hợp lệ <span lang="en">— Valid</span></h1>
      <p>${bilingual('Chứng nhận này do Bộ Ngoại giao cấp và đang có hiệu lực.', 'This certificate was issued by the Ministry of Foreign Affairs and is in force.')}</p></section>`;
  }
  const category = REVOCATION_CATEGORIES[answer.revocationCategory ?? 'other'] ?? REVOCATION_CATEGORIES.other!;
  const replacement = answer.replacedBy
    ? `<p>${bilingual(`Đã được thay thế bằng chứng nhận số ${answer.replacedBy}.`, `Superseded by certificate ${answer.replacedBy}.`)}</p>`
    : '';
  return `<section class="status revoked" role="status"><h1>✘ Đã thu hồi <span lang="en">— Revoked</span></h1>
    <p>${bilingual(`Thu hồi ngày ${answer.revokedOn ? vietnameseShortDate(answer.revokedOn) : ''}: ${category.vi}.`, `Revoked on ${answer.revokedOn ? englishLongDate(answer.revokedOn) : ''}: ${category.en}.`)}</p>${replacement}</section>`;
}

function holderOf(answer: VerificationAnswer): string {
  if (answer.holderNameErased || answer.holderName === null) {
    return bilingual('Họ tên đã được xóa theo yêu cầu xóa dữ liệu cá nhân', 'The name was erased on request');
  }
  if (answer.holderNameMasked) {
    return `${escapeHtml(answer.holderName)} ${bilingual(' (chữ cái đầu; nhập mã tra cứu để xem đầy đủ)', '(initials; enter the verification code to see the full name)')}`;
  }
  return `<strong>${escapeHtml(answer.holderName)}</strong>`;
}

function found(answer: VerificationAnswer): string {
  const level = courseLevelLabels[answer.level as keyof typeof courseLevelLabels];
  const group = trainingGroupLabels[answer.trainingGroup as keyof typeof trainingGroupLabels];
  const format = courseFormatLabels[answer.format as keyof typeof courseFormatLabels];
  const label = (text: BilingualLabel | undefined, raw: string) => (text ? bilingual(text.vi, text.en) : escapeHtml(raw));
  return `${statusOf(answer)}
  <dl>
    ${field('Số chứng nhận', 'Certificate number', `<strong>${escapeHtml(answer.certificateNumber)}</strong>`)}
    ${field('Họ và tên', 'Holder', holderOf(answer))}
    ${field('Khóa bồi dưỡng', 'Course', bilingual(answer.courseTitleVi, answer.courseTitleEn))}
    ${field('Cấp độ', 'Level', label(level, answer.level))}
    ${field('Khối bồi dưỡng', 'Training group', label(group, answer.trainingGroup))}
    ${field('Hình thức', 'Format', label(format, answer.format))}
    ${field('Thời gian', 'Dates', answer.runStartDate === answer.runEndDate ? dates(answer.runStartDate) : `${dates(answer.runStartDate)} – ${dates(answer.runEndDate)}`)}
    ${field('Cơ quan cấp', 'Issued by', escapeHtml(ISSUER_NAME))}
    ${field('Ngày cấp', 'Issued on', dates(answer.issuedOn))}
  </dl>
  <p>${bilingual('Đối chiếu từng thông tin trên với bản giấy: bản giấy khác với trang này là bản đã bị sửa.', 'Compare every field above with the paper: a paper that differs from this page has been altered.')}</p>`;
}

const FORM = `<form method="get" action="/verify">
    <label for="code">${bilingual('Mã tra cứu hoặc số chứng nhận', 'Verification code or certificate number')}</label>
    <input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="K7QX9M2P4A · 2027/000123" required>
    <button type="submit">Tra cứu <span lang="en">— Verify</span></button>
  </form>`;

function body(page: VerificationPage): string {
  switch (page.kind) {
    case 'found':
      return found(page.answer);
    case 'unknown':
      return `<section class="status unknown" role="status"><h1>Không tìm thấy <span lang="en">— Unknown</span></h1>
        <p>${bilingual(`Không có chứng nhận nào mang mã hoặc số “${page.reference}”. Kiểm tra lại mã in dưới mã QR.`, `No certificate has the code or number “${page.reference}”. Check the code printed under the QR code.`)}</p></section>${FORM}`;
    case 'malformed':
      return `<section class="status unknown" role="status"><h1>Mã không hợp lệ <span lang="en">— Not a code</span></h1>
        <p>${bilingual(`“${page.reference}” không phải mã tra cứu (10 ký tự) hay số chứng nhận (như 2027/000123).`, `“${page.reference}” is neither a verification code (10 characters) nor a certificate number (like 2027/000123).`)}</p></section>${FORM}`;
    case 'unavailable':
      return `<section class="status unavailable" role="status"><h1>Chưa kiểm tra được <span lang="en">— Could not check</span></h1>
        <p>${bilingual('Hệ thống tạm thời không trả lời. Vui lòng thử lại sau ít phút; đừng coi chứng nhận là hợp lệ hay không hợp lệ.', 'The register did not answer. Try again in a few minutes; do not take the certificate as valid or invalid meanwhile.')}</p></section>`;
    case 'form':
      return FORM;
    default:
      return assertNever(page, 'verification page');
  }
}

/** The whole page, in Vietnamese first with English beside it, without a script: it is what the QR code opens. */
export function renderVerificationPage(page: VerificationPage): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Xác minh chứng nhận bồi dưỡng — Certificate verification</title>
<style>${STYLE}</style>
</head>
<body>
<header><p><strong>Bộ Ngoại giao</strong> · Xác minh chứng nhận bồi dưỡng<br><span lang="en">Ministry of Foreign Affairs · Training certificate verification</span></p></header>
<main>
${body(page)}
</main>
<footer>${bilingual('Đề án 892/QĐ-TTg: bồi dưỡng cán bộ, công chức làm việc trong môi trường quốc tế.', 'Decision 892/QĐ-TTg: training officials to work in an international environment.')}</footer>
</body>
</html>
`;
}
