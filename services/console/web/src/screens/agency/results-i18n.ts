import i18next from 'i18next';

/** An agency's view of its people's training: certificates, attendance by run, and its feedback (phản hồi). */
const vi = {
  title: 'Kết quả bồi dưỡng của cán bộ',
  certificates: {
    title: 'Chứng nhận đã cấp',
    status: 'Trạng thái',
    any: 'Tất cả',
    number: 'Số chứng nhận',
    trainee: 'Học viên',
    course: 'Khóa',
    run: 'Lớp',
    issuedOn: 'Ngày cấp',
    valid: 'Còn hiệu lực',
    revoked: 'Đã thu hồi ngày {{date}}',
    none: 'Chưa có chứng nhận nào.',
    count: '{{count}} chứng nhận',
  },
  attendance: {
    title: 'Tham dự theo lớp',
    explain: 'Các lớp có cán bộ của cơ quan được duyệt tham gia; chọn một lớp để xem tỷ lệ tham dự của từng người theo điều kiện hoàn thành của khóa.',
    run: 'Lớp',
    trainees: 'Số cán bộ được duyệt',
    open: 'Xem lớp {{runId}}',
    none: 'Chưa có cán bộ nào được duyệt vào lớp nào.',
    trainee: 'Học viên',
    attended: 'Buổi tham dự / buổi đã học',
    share: 'Tỷ lệ tham dự',
    completed: 'Hoàn thành',
    why: 'Lý do chưa hoàn thành',
    yes: 'Có',
    no: 'Chưa',
  },
  feedback: {
    title: 'Phản hồi của cơ quan về lớp {{runId}}',
    content: 'Nội dung (1–5)',
    lecturers: 'Giảng viên (1–5)',
    organisation: 'Công tác tổ chức (1–5)',
    comment: 'Ý kiến',
    submit: 'Gửi phản hồi',
    sent: 'Đã ghi nhận phản hồi.',
    failed: 'Không gửi được: {{reason}}',
    given: 'Cơ quan đã gửi {{count}} phản hồi cho lớp này.',
  },
};

type Messages = typeof vi;

const en: Messages = {
  title: "Our people's training results",
  certificates: {
    title: 'Certificates issued',
    status: 'Status',
    any: 'All',
    number: 'Certificate number',
    trainee: 'Trainee',
    course: 'Course',
    run: 'Run',
    issuedOn: 'Issued on',
    valid: 'Valid',
    revoked: 'Revoked on {{date}}',
    none: 'No certificate yet.',
    count: '{{count}} certificates',
  },
  attendance: {
    title: 'Attendance by run',
    explain: "The runs our people were approved for; choose one to see each person's attendance share against the course's completion rule.",
    run: 'Run',
    trainees: 'People approved',
    open: 'Open run {{runId}}',
    none: 'Nobody of ours has been approved for a run yet.',
    trainee: 'Trainee',
    attended: 'Sessions attended / held',
    share: 'Attendance share',
    completed: 'Completed',
    why: 'Why not completed',
    yes: 'Yes',
    no: 'Not yet',
  },
  feedback: {
    title: 'Our feedback on run {{runId}}',
    content: 'Content (1–5)',
    lecturers: 'Lecturers (1–5)',
    organisation: 'Organisation (1–5)',
    comment: 'Comment',
    submit: 'Send feedback',
    sent: 'Feedback recorded.',
    failed: 'Not sent: {{reason}}',
    given: 'We have given {{count}} responses on this run.',
  },
};

i18next.addResourceBundle('vi', 'agency-results', vi, true, true);
i18next.addResourceBundle('en', 'agency-results', en, true, true);
