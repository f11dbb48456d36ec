import { eventually } from '@training-ledger/test-servers';
import { randomUUID } from 'node:crypto';
import type { SystemProcesses } from '../../simulation/system-processes';

export type ServiceKey = keyof SystemProcesses['urls'];

export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

/** A JSON call to one of the running services, as `token`'s holder, at a simulated time when signed in. */
export async function callService(system: SystemProcesses, service: ServiceKey, token: string | null, path: string, body?: unknown, at = '2027-05-20T10:00:00+07:00'): Promise<Answer & { bytes: Buffer }> {
  const response = await fetch(`${system.urls[service]}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      // The public answers no simulated time: only the roles that may set it send it.
      ...(token ? { authorization: `Bearer ${token}`, 'x-simulated-now': at } : {}),
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: response.status, bytes, text, body: parsed };
}

export interface CertifiedTrainee {
  readonly traineeId: string;
  readonly fullName: string;
  /** Marked absent from the run's one session, hence not eligible. */
  readonly absent?: boolean;
}

export interface IssuedCertificate {
  readonly traineeId: string;
  readonly certificateId: string;
  readonly certificateNumber: string;
  readonly verificationCode: string;
}

/**
 * One agency (BTP), one course and one one-day run in May 2027, the given trainees registered,
 * nominated, approved, present, the run completed and each issued a certificate in their name: the
 * whole path through the four services, over Kafka, as integrations and MOFA drive it.
 */
export async function certifyRun(system: SystemProcesses, tag: string, trainees: readonly CertifiedTrainee[]): Promise<{ runId: string; certificates: IssuedCertificate[] }> {
  const runId = await completeRun(system, tag, trainees);
  const certifier = await system.mint('certifier');
  const answer = await callService(system, 'certification', certifier, `/runs/${runId}/certificates`, { holders: trainees.map(({ traineeId, fullName }) => ({ traineeId, holderName: fullName })) }, '2027-05-20T10:00:00+07:00');
  if (answer.status >= 300) throw new Error(`issuing answered ${answer.status}: ${answer.text}`);
  const certificates = answer.body.items as (IssuedCertificate & { result: string })[];
  if (certificates.some((certificate) => certificate.result !== 'accepted')) throw new Error(`not every certificate was issued: ${answer.text}`);
  return { runId, certificates };
}

/** The same run up to its completion, every trainee present on certification's worklist and none yet certified. */
export async function completeRun(system: SystemProcesses, tag: string, trainees: readonly CertifiedTrainee[]): Promise<string> {
  const admin = await system.mint('programme-admin');
  const agency = await system.mint('agency-integration', { agencyId: 'BTP' });
  const institution = await system.mint('institution-integration', { institutionId: 'HVNG' });
  const certifier = await system.mint('certifier');
  const course = `C-${tag}`;
  const runId = `RUN-${tag}`;
  const succeeded = async (service: ServiceKey, token: string, path: string, body: unknown, at: string) => {
    const answer = await callService(system, service, token, path, body, at);
    if (answer.status >= 300 && !(path === '/agencies' && answer.status === 409)) throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
    return answer.body;
  };
  await succeeded('enrolment', admin, '/agencies', { code: 'BTP', nameVi: 'Bộ Tư pháp', nameEn: 'Ministry of Justice', kind: 'ministry' }, '2026-06-01T09:00:00+07:00');
  await succeeded('courseDelivery', admin, '/courses', {
    courseId: course, code: course, titleVi: 'Luật quốc tế', titleEn: 'International law',
    trainingGroup: 'expertise', level: 'universal', requirementGroups: ['expertise'], format: 'in-person',
    lengthDays: 1, lengthHours: 7, languages: ['vi'], eligibleTargetGroups: ['regular'], eligibleRanks: ['specialist'],
    completionRule: { minAttendanceShare: '0.8000', excusedCountsAsAttended: false, assessmentRequired: false, passMark: null },
  }, '2027-01-05T09:00:00+07:00');
  for (const [index, trainee] of trainees.entries()) {
    await succeeded('enrolment', agency, '/agencies/BTP/trainees', {
      traineeId: trainee.traineeId, targetGroup: 'regular', rank: 'specialist', leadership: false, sector: null,
      fullName: trainee.fullName, dateOfBirth: '1991-09-02', staffNumber: `BTP-${tag}-${index}`,
    }, '2027-01-15T09:00:00+07:00');
  }
  await succeeded('courseDelivery', admin, '/runs', {
    runId, courseId: course, providerInstitutionId: 'HVNG', hostAgencyId: null, venue: 'Học viện Ngoại giao',
    startDate: '2027-05-15', endDate: '2027-05-15', nominationDeadline: '2027-05-01', capacity: 30, agencyQuotas: [],
    waitlistPolicy: 'auto-approve', lecturers: [],
    sessions: [{ sessionId: 'S1', date: '2027-05-15', startsAt: '2027-05-15T08:00:00+07:00', endsAt: '2027-05-15T11:30:00+07:00' }],
  }, '2027-01-10T09:00:00+07:00');
  const nominated = await eventually('enrolment knows the run', async () => {
    const answer = await callService(system, 'enrolment', agency, `/runs/${runId}/nominations`, { nominations: trainees.map(({ traineeId }) => ({ traineeId })) }, '2027-04-20T09:00:00+07:00');
    return answer.status === 404 ? null : answer;
  });
  for (const { nominationId } of nominated.body.items as { nominationId: string }[]) {
    await succeeded('enrolment', admin, `/runs/${runId}/nominations/${nominationId}/approve`, {}, '2027-04-25T09:00:00+07:00');
  }
  await eventually('the approved trainees reach course delivery', async () => {
    const roster = await callService(system, 'courseDelivery', admin, `/runs/${runId}/roster`);
    const known = (roster.body.traineeIds as string[] | undefined) ?? [];
    return trainees.every(({ traineeId }) => known.includes(traineeId)) ? roster : null;
  });
  await succeeded('courseDelivery', admin, `/runs/${runId}/start`, {}, '2027-05-15T07:30:00+07:00');
  await succeeded('courseDelivery', institution, `/runs/${runId}/attendance`, {
    marks: trainees.map(({ traineeId, absent }) => ({ recordId: `${runId}/S1/${traineeId}`, traineeId, sessionId: 'S1', status: absent ? 'absent' : 'present', observedAt: '2027-05-15T08:05:00+07:00' })),
  }, '2027-05-15T12:00:00+07:00');
  await succeeded('courseDelivery', admin, `/runs/${runId}/complete`, {}, '2027-05-16T09:00:00+07:00');
  await eventually('certification finds every trainee eligible', async () => {
    const worklist = await callService(system, 'certification', certifier, `/runs/${runId}/worklist`);
    return trainees.every(({ traineeId, absent }) => absent || worklist.text.includes(traineeId)) ? worklist : null;
  });
  return runId;
}
