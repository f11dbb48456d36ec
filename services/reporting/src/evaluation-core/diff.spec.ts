import { diffReports, explainDifference, parseFigurePath } from './diff';
import {
  agencyRegistered,
  certificateIssued,
  certificateRevoked,
  certifiedStaff,
  evaluate,
  inLog,
  rosterDeclared,
} from './evaluation-log.fixture';

const midTerm = { asOf: '2028-12-31', kind: 'mid-term' } as const;

const issuedAtMidTerm = [
  agencyRegistered('BNG', 'ministry'),
  agencyRegistered('HN', 'province'),
  rosterDeclared('BNG', '2028-06-30', 10, 0),
  rosterDeclared('HN', '2028-06-30', 10, 0),
  certifiedStaff('BNG', 'regular', 3),
  certifiedStaff('HN', 'regular', 4),
].flat();

/** What reached the log after the sơ kết was issued: a late certificate, a later one, and a back-dated revocation. */
const recordedLater = [
  certificateIssued({ certificateId: 'C-late', traineeId: 'BNG-late', agencyId: 'BNG', issuedOn: '2028-11-20', rank: 'division-level' }),
  certificateIssued({ certificateId: 'C-2029', traineeId: 'BNG-2029', agencyId: 'BNG', issuedOn: '2029-02-01' }),
  certificateRevoked({ certificateId: 'C-HN-regular-1-RUN-1', traineeId: 'HN-regular-1', agencyId: 'HN' }, '2028-12-01'),
];

describe('restatement: a late fact shows up as a difference against the issued evaluation, never as a rewrite', () => {
  const eventsAtIssue = inLog(issuedAtMidTerm);
  const eventsLater = inLog([...issuedAtMidTerm, ...recordedLater]);
  const issued = evaluate(eventsAtIssue, midTerm);
  const restated = evaluate(eventsLater, midTerm);

  it('finds no difference between a report and itself', () => {
    expect(diffReports(issued, evaluate(eventsAtIssue, midTerm))).toEqual([]);
  });

  it('lists every differing figure by JSON path, in canonical order', () => {
    const differences = diffReports(issued, restated);
    const paths = differences.map((difference) => difference.path);
    expect(paths).toEqual([...paths].sort(bySegments));
    expect(paths[0]).toBe('agencies[BNG].certificatesInForce');
    expect(differences).toContainEqual({ path: 'agencies[BNG].trained.regular', change: 'changed', before: 3, after: 4 });
    expect(differences).toContainEqual({ path: 'agencies[BNG].share.regular', change: 'changed', before: '0.3000', after: '0.4000' });
    expect(differences).toContainEqual({ path: 'agencies[HN].certificatesRevoked', change: 'changed', before: 0, after: 1 });
    expect(paths).not.toContain('agencies[HN].band.regular');
    expect(paths).not.toContain('national.trained.regular');
    expect(differences).toContainEqual({ path: 'national.certificatesRevoked', change: 'changed', before: 0, after: 1 });
    expect(paths.slice(0, 6)).toEqual([
      'agencies[BNG].certificatesInForce',
      'agencies[BNG].certificatesIssued',
      'agencies[BNG].learnerTimesCertified',
      'agencies[BNG].peopleCertified',
      'agencies[BNG].share.regular',
      'agencies[BNG].trained.regular',
    ]);
    expect(paths).toEqual(expect.arrayContaining(['agencyGroups.localities.trained.regular', 'byRank.division-level.peopleCertified']));
    expect(paths.filter((path) => !path.startsWith('programme.')).at(-1)).toBe('national.certificatesRevoked');
    expect(paths.some((path) => path.startsWith('inputs.partitions[certification.events.v1/'))).toBe(true);
    expect(paths).not.toContain('asOf');
  });

  it('names the late certificate behind the agency’s trained figure, leaving out facts after the cut-off', () => {
    const explanation = explainDifference('agencies[BNG].trained.regular', eventsAtIssue, eventsLater, { asOf: midTerm.asOf });
    expect(explanation.onlyInA).toEqual([]);
    expect(explanation.onlyInB.map((event) => (event.data as { certificateId: string }).certificateId)).toEqual(['C-late']);
  });

  it('names the back-dated revocation behind the province’s figures, and by rank through the certificate it revokes', () => {
    const revocation = ['CertificateRevoked.v1'];
    const typesBehind = (path: string) =>
      explainDifference(path, eventsAtIssue, eventsLater, { asOf: midTerm.asOf }).onlyInB.map((event) => event.type);
    expect(typesBehind('agencies[HN].certificatesRevoked')).toEqual(revocation);
    expect(typesBehind('agencyGroups.localities.trained.regular')).toEqual(revocation);
    expect(typesBehind('byRank.specialist.learnerTimesCertified')).toEqual(revocation);
    expect(typesBehind('byRank.division-level.peopleCertified')).toEqual(['CertificateIssued.v1']);
    expect(typesBehind('agencies[HN].roster.regular')).toEqual([]);
    expect(typesBehind('inputs.partitions[enrolment.events.v1/0].events')).toEqual([]);
  });

  it('without an as-of date, also names facts that take effect later', () => {
    const explanation = explainDifference('agencies[BNG].certificatesIssued', eventsAtIssue, eventsLater);
    expect(explanation.onlyInB.map((event) => (event.data as { certificateId: string }).certificateId).sort()).toEqual(['C-2029', 'C-late']);
  });
});

/** Keys and labels compared one by one in UTF-16 order: canonical order for labels that sort as text. */
function bySegments(a: string, b: string): number {
  const [x, y] = [parseFigurePath(a), parseFigurePath(b)];
  for (let index = 0; index < Math.min(x.length, y.length); index += 1) {
    if (x[index] !== y[index]) return x[index] < y[index] ? -1 : 1;
  }
  return x.length - y.length;
}

describe('figure paths', () => {
  it.each([
    ['agencies[BNG].trained.regular', ['agencies', 'BNG', 'trained', 'regular']],
    ['inputs.partitions[certification.events.v1/0].lastOffset', ['inputs', 'partitions', 'certification.events.v1/0', 'lastOffset']],
    ['agencies["A]B"].share.nonRegular', ['agencies', 'A]B', 'share', 'nonRegular']],
    ['agencyKinds.ministerial-level-agency.agencies', ['agencyKinds', 'ministerial-level-agency', 'agencies']],
  ])('reads %s', (path, segments) => {
    expect(parseFigurePath(path)).toEqual(segments);
  });

  it('refuses what is not a path', () => {
    expect(() => parseFigurePath('agencies[BNG')).toThrow(RangeError);
  });
});
