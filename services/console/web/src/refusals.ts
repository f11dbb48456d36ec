import i18next from 'i18next';

/**
 * The services refuse in English and name the rule (`rule` in the problem document). Officials read
 * the rules they meet most in Vietnamese; any other rule is shown as the service stated it.
 */
const RULES_VI: Readonly<Record<string, string>> = {
  'agency-access': 'Tài khoản này chỉ được thao tác cho cơ quan của mình',
  'own-agency-only': 'Cơ quan chỉ được xem dữ liệu của chính mình',
  'agency-must-exist': 'Cơ quan chưa được đăng ký',
  'agency-quota-reached': 'Cơ quan đã dùng hết chỉ tiêu của lớp',
  'as-of-format': 'Ngày chốt số liệu phải có dạng YYYY-MM-DD',
  'as-of-not-in-future': 'Ngày chốt số liệu không được ở tương lai',
  'assessment-recorded-once': 'Kết quả đánh giá của học viên này đã được ghi',
  'attendance-of-own-trainees': 'Học viên này không thuộc cơ quan của bạn trong lớp',
  'attendance-poster-of-run': 'Chỉ cơ sở đào tạo tổ chức lớp hoặc cơ quan chủ trì được điểm danh lớp này',
  'attendance-reader-of-run': 'Lớp này không có học viên nào bạn được xem',
  'attendance.session-closed': 'Buổi học đã khóa điểm danh',
  'cancellation-states-reason': 'Cần nêu lý do hủy lớp',
  'certificate-must-exist': 'Không có chứng nhận này',
  'correction-states-reason': 'Cần nêu lý do điều chỉnh',
  'course-defined-once': 'Mã khóa bồi dưỡng đã được dùng',
  'course-must-exist': 'Khóa bồi dưỡng chưa được định nghĩa',
  'erased-trainee-not-nominated': 'Không thể cử học viên đã bị xóa dữ liệu cá nhân',
  'erasure-states-reason': 'Cần nêu lý do xóa dữ liệu cá nhân',
  'evaluation-issued-once': 'Đánh giá cho kỳ và ngày chốt này đã được ban hành',
  'evaluation-must-exist': 'Không có đánh giá này',
  'feedback-from-sending-agency': 'Chỉ cơ quan có học viên tham gia lớp mới gửi phản hồi',
  'feedback-id-used-once': 'Phản hồi này đã được gửi',
  'holder-not-erased': 'Học viên đã bị xóa dữ liệu cá nhân, không thể in tên lên chứng nhận',
  'in-person-run-has-venue': 'Lớp học trực tiếp cần có địa điểm',
  'issued-once-per-trainee-and-run': 'Học viên đã được cấp chứng nhận của lớp này',
  'nomination-awaits-decision': 'Đề cử này đã được quyết định',
  'nomination-must-exist': 'Không có đề cử này',
  'nomination.target-group': 'Đối tượng của học viên không thuộc đối tượng của khóa',
  'nominations-close-before-start': 'Hạn đề cử phải trước ngày khai giảng',
  'only-open-nominations-withdrawn': 'Chỉ rút được đề cử chưa kết thúc',
  'only-scheduled-run-starts': 'Chỉ lớp đã lên lịch mới khai giảng được',
  'only-started-run-completes': 'Chỉ lớp đang học mới kết thúc được',
  'quotas-within-capacity': 'Tổng chỉ tiêu vượt sĩ số của lớp',
  'rank-admitted': 'Chức vụ của học viên không thuộc đối tượng của khóa',
  'ratings-one-to-five': 'Điểm phản hồi từ 1 đến 5',
  'record-id-used-once': 'Mã bản ghi đã được dùng cho nội dung khác',
  'rejection-states-reason': 'Cần nêu lý do từ chối',
  'rescheduled-before-start': 'Chỉ đổi lịch được trước khi khai giảng',
  'revocation-states-reason': 'Cần nêu lý do thu hồi',
  'revoked-once': 'Chứng nhận đã bị thu hồi',
  'roster-declared-once-per-date': 'Danh sách cán bộ của ngày này đã được khai báo',
  'run-capacity-reached': 'Lớp đã đủ sĩ số',
  'run-ends-after-it-starts': 'Ngày kết thúc phải sau ngày khai giảng',
  'run-must-exist': 'Lớp chưa được lên lịch',
  'run-not-cancelled': 'Lớp đã bị hủy',
  'run-open-for-approval': 'Lớp không còn nhận phê duyệt đề cử',
  'run-open-for-changes': 'Lớp không còn thay đổi được',
  'run-open-for-nominations': 'Lớp đã hết hạn nhận đề cử',
  'run-scheduled-once': 'Mã lớp đã được dùng',
  'score-within-max': 'Điểm vượt điểm tối đa',
  'session-must-exist': 'Không có buổi học này',
  'session-not-cancelled': 'Buổi học đã bị hủy',
  'sessions-within-run-dates': 'Buổi học phải nằm trong thời gian của lớp',
  'target-group-admitted': 'Đối tượng của học viên không thuộc đối tượng của khóa',
  'trainee-approved-for-run': 'Học viên chưa được duyệt vào lớp',
  'trainee-belongs-to-agency': 'Học viên không thuộc cơ quan đề cử',
  'trainee-eligible': 'Học viên chưa đủ điều kiện cấp chứng nhận',
  'trainee-must-exist': 'Học viên chưa được đăng ký',
  'trainee-nominated-once-per-run': 'Học viên đã được đề cử vào lớp này',
  'trainee-registered-once': 'Học viên đã được đăng ký',
  'transfer-to-another-agency': 'Chỉ chuyển được sang cơ quan khác',
  'withdrawal-before-run-starts': 'Chỉ rút đề cử được trước khi khai giảng',
  'withdrawn-by-nominating-agency-or-programme-office': 'Chỉ cơ quan đề cử hoặc Văn phòng Đề án được rút đề cử',
};

/** A refusal in the reader's language: the rule in Vietnamese when known, else the service's own words. */
export function ruleText(rule: string | null | undefined, detail: string | null | undefined, language: string = i18next.language): string | null {
  const vietnamese = rule ? RULES_VI[rule] : undefined;
  if (language === 'vi' && vietnamese) return vietnamese;
  return detail ?? vietnamese ?? rule ?? null;
}

/** A problem document (RFC 9457) as one line: the status, the rule in words, and the field it names. */
export function refusalLine(problem: unknown, status: number): string {
  const read = (key: string) =>
    typeof problem === 'object' && problem !== null && key in problem ? String((problem as Record<string, unknown>)[key]) : null;
  const text = ruleText(read('rule'), read('detail')) ?? read('title');
  const field = read('field');
  const line = text ? `${status} ${text}` : `HTTP ${status}`;
  return field ? `${line} (${field})` : line;
}
