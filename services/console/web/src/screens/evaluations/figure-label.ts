/**
 * A report's figure path (`agencies[BNG].trained.regular`) in words an official reads
 * ("Cơ quan BNG › Đã bồi dưỡng › Thường xuyên"). Identities in brackets (agency codes, ranks) are kept;
 * a word without a translation is shown as it is in the report.
 */
const WORDS: Readonly<Record<'vi' | 'en', Readonly<Record<string, string>>>> = {
  vi: {
    national: 'Toàn quốc',
    agencies: 'Cơ quan',
    agencyGroups: 'Nhóm cơ quan',
    agencyKinds: 'Loại cơ quan',
    byRank: 'Theo chức vụ',
    byLevel: 'Theo cấp độ',
    byFormat: 'Theo hình thức',
    byTrainingGroup: 'Theo nhóm đối tượng',
    courses: 'Khóa bồi dưỡng',
    learnerTimesAttended: 'Lượt học viên tham dự',
    learnerTimesCertified: 'Lượt học viên được cấp chứng nhận',
    peopleAttended: 'Số người tham dự',
    peopleCertified: 'Số người được cấp chứng nhận',
    runsCompleted: 'Số lớp đã kết thúc',
    runsWithForeignLecturer: 'Số lớp có chuyên gia nước ngoài',
    runsHosted: 'Số lớp chủ trì',
    runsHostedWithForeignLecturer: 'Số lớp chủ trì có chuyên gia nước ngoài',
    certificatesIssued: 'Chứng nhận đã cấp',
    certificatesRevoked: 'Chứng nhận bị thu hồi',
    certificatesInForce: 'Chứng nhận còn hiệu lực',
    trained: 'Đã được bồi dưỡng',
    roster: 'Danh sách cán bộ',
    agenciesWithRoster: 'Số cơ quan đã khai báo danh sách',
    share: 'Tỷ lệ',
    band: 'Khoảng chỉ tiêu',
    regular: 'Thường xuyên',
    nonRegular: 'Không thường xuyên',
    'non-regular': 'Không thường xuyên',
    total: 'Tổng',
    events: 'Sự kiện',
    inputs: 'Dữ liệu đầu vào',
  },
  en: {
    national: 'National',
    agencies: 'Agency',
    agencyGroups: 'Agency group',
    agencyKinds: 'Agency kind',
    byRank: 'By rank',
    byLevel: 'By level',
    byFormat: 'By format',
    byTrainingGroup: 'By target group',
    courses: 'Course',
    learnerTimesAttended: 'Learner-times attended',
    learnerTimesCertified: 'Learner-times certified',
    peopleAttended: 'People attended',
    peopleCertified: 'People certified',
    runsCompleted: 'Runs completed',
    runsWithForeignLecturer: 'Runs with a foreign lecturer',
    runsHosted: 'Runs hosted',
    runsHostedWithForeignLecturer: 'Runs hosted with a foreign lecturer',
    certificatesIssued: 'Certificates issued',
    certificatesRevoked: 'Certificates revoked',
    certificatesInForce: 'Certificates in force',
    trained: 'Trained',
    roster: 'Staff roster',
    agenciesWithRoster: 'Agencies with a roster',
    share: 'Share',
    band: 'Target band',
    regular: 'Regular',
    nonRegular: 'Non-regular',
    'non-regular': 'Non-regular',
    total: 'Total',
    events: 'Events',
    inputs: 'Inputs',
  },
};

export function figureLabel(path: string, language: string): string {
  const words = WORDS[language === 'en' ? 'en' : 'vi'];
  const parts: string[] = [];
  for (const [, word, identity, index] of path.matchAll(/([^.[\]]+)|\[([^\]]+)\]|\[(\d+)\]/g)) {
    if (word !== undefined) parts.push(words[word] ?? word);
    else if (parts.length > 0) parts[parts.length - 1] = `${parts[parts.length - 1]} ${identity ?? index}`;
    else parts.push(identity ?? index ?? '');
  }
  return parts.join(' › ');
}
