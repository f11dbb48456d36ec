import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Vietnamese first: the console's users work in Vietnamese; English for partners and reviewers. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const vi = {
  app: { title: 'Sổ theo dõi bồi dưỡng', skip: 'Bỏ qua đến nội dung chính', signOut: 'Đăng xuất', signedInAs: 'Đăng nhập với vai trò {{role}}', language: 'Ngôn ngữ', nav: 'Điều hướng chính' },
  screens: { progress: 'Tiến độ', agencies: 'Cơ quan, địa phương', operations: 'Vận hành', catalogue: 'Danh mục khóa bồi dưỡng', runs: 'Lớp bồi dưỡng', nominations: 'Hàng chờ đề cử', certify: 'Cấp chứng nhận', certificates: 'Chứng nhận', evaluations: 'Đánh giá', attendance: 'Điểm danh', 'agency-rosters': 'Danh sách cán bộ', 'agency-trainees': 'Học viên', 'agency-nominations': 'Đề cử', 'agency-import': 'Nhập từ bảng tính', 'agency-results': 'Kết quả bồi dưỡng', feedback: 'Phản hồi' },
  roles: {
    'programme-admin': 'Quản lý chương trình',
    certifier: 'Cấp chứng nhận',
    evaluator: 'Đánh giá',
    'agency-integration': 'Hệ thống của cơ quan',
    'institution-integration': 'Hệ thống của cơ sở đào tạo',
    monitor: 'Theo dõi (Bộ Nội vụ)',
    auditor: 'Kiểm toán',
  },
  signIn: {
    title: 'Đăng nhập (môi trường phát triển)',
    explain: 'Chỉ dùng khi phát triển và mô phỏng: chọn một vai trò, bảng điều khiển cấp một mã truy cập bằng khóa cục bộ.',
    role: 'Vai trò',
    agency: 'Mã cơ quan',
    institution: 'Mã cơ sở đào tạo',
    submit: 'Đăng nhập',
    unavailable: 'Chưa cấu hình cách đăng nhập nào cho bảng điều khiển này.',
    failed: 'Đăng nhập không thành công: {{reason}}',
    providerTitle: 'Đăng nhập',
    providerExplain: 'Đăng nhập bằng tài khoản công vụ tại cổng định danh của Bộ; vai trò và cơ quan của bạn do cổng định danh cấp.',
    provider: 'Tiếp tục với tài khoản công vụ',
    completing: 'Đang hoàn tất đăng nhập…',
    again: 'Đăng nhập lại',
  },
  home: { nothing: 'Vai trò này chưa có màn hình nào trong bảng điều khiển.' },
  common: { loading: 'Đang tải…', failed: 'Không tải được: {{reason}}', retry: 'Tải lại', none: 'Không có' },
  progress: {
    title: 'Tiến độ bồi dưỡng',
    asOf: 'Số liệu đến ngày {{date}}',
    phase: 'Giai đoạn',
    national: 'Toàn quốc',
    group: 'Nhóm',
    regular: 'Thường xuyên',
    nonRegular: 'Không thường xuyên',
    roster: 'Danh sách',
    trained: 'Đã bồi dưỡng',
    share: 'Tỷ lệ',
    band: 'Mức',
    agencies: 'Theo cơ quan',
    agency: 'Cơ quan',
    runsCompleted: 'Lớp đã hoàn thành',
    learnerTimes: 'Lượt người học',
    noAgencies: 'Chưa có cơ quan nào đăng ký.',
    bands: { below: 'Dưới chỉ tiêu', within: 'Đạt chỉ tiêu', above: 'Vượt chỉ tiêu', 'no-roster': 'Chưa có danh sách', 'no-phase': 'Ngoài giai đoạn' },
  },
  operations: {
    title: 'Vận hành',
    service: 'Dịch vụ',
    relay: 'Chuyển tiếp sự kiện',
    relayLag: 'Độ trễ chuyển tiếp',
    consumerLag: 'Độ trễ tiêu thụ',
    setAside: 'Sự kiện để riêng',
    warnings: 'Cảnh báo',
    allWell: 'Mọi luồng đang chạy, không có gì bị để riêng.',
    checkedAt: 'Kiểm tra lúc {{time}}',
    unreachable: 'Không kết nối được',
  },
};

type Messages = typeof vi;

const en: Messages = {
  app: { title: 'Training Ledger', skip: 'Skip to main content', signOut: 'Sign out', signedInAs: 'Signed in as {{role}}', language: 'Language', nav: 'Main navigation' },
  screens: { progress: 'Progress', agencies: 'Agencies', operations: 'Operations', catalogue: 'Course catalogue', runs: 'Course runs', nominations: 'Nominations queue', certify: 'Certify', certificates: 'Certificates', evaluations: 'Evaluations', attendance: 'Attendance', 'agency-rosters': 'Rosters', 'agency-trainees': 'Trainees', 'agency-nominations': 'Nominations', 'agency-import': 'Spreadsheet import', 'agency-results': 'Training results', feedback: 'Feedback' },
  roles: {
    'programme-admin': 'Programme administration',
    certifier: 'Certifier',
    evaluator: 'Evaluator',
    'agency-integration': "An agency's system",
    'institution-integration': "An institution's system",
    monitor: 'Monitor (Ministry of Home Affairs)',
    auditor: 'Auditor',
  },
  signIn: {
    title: 'Sign in (development)',
    explain: 'Development and simulation only: choose a role and the console mints a token with the local key.',
    role: 'Role',
    agency: 'Agency code',
    institution: 'Institution code',
    submit: 'Sign in',
    unavailable: 'No way of signing in is configured for this console.',
    failed: 'Sign-in failed: {{reason}}',
    providerTitle: 'Sign in',
    providerExplain: 'Sign in with your official account at the ministry’s identity provider; it gives your role and agency.',
    provider: 'Continue with your official account',
    completing: 'Completing sign-in…',
    again: 'Sign in again',
  },
  home: { nothing: 'The console has no screen for this role yet.' },
  common: { loading: 'Loading…', failed: 'Could not load: {{reason}}', retry: 'Try again', none: 'None' },
  progress: {
    title: 'Training progress',
    asOf: 'Figures as of {{date}}',
    phase: 'Phase',
    national: 'National',
    group: 'Group',
    regular: 'Regular',
    nonRegular: 'Non-regular',
    roster: 'Roster',
    trained: 'Trained',
    share: 'Share',
    band: 'Band',
    agencies: 'By agency',
    agency: 'Agency',
    runsCompleted: 'Runs completed',
    learnerTimes: 'Learner-times',
    noAgencies: 'No agency registered yet.',
    bands: { below: 'Below target', within: 'Within target', above: 'Above target', 'no-roster': 'No roster yet', 'no-phase': 'Outside any phase' },
  },
  operations: {
    title: 'Operations',
    service: 'Service',
    relay: 'Event relay',
    relayLag: 'Relay lag',
    consumerLag: 'Consumer lag',
    setAside: 'Set aside',
    warnings: 'Warnings',
    allWell: 'Everything is flowing and nothing was set aside.',
    checkedAt: 'Checked at {{time}}',
    unreachable: 'Unreachable',
  },
};

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});

i18next.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));

export default i18next;
