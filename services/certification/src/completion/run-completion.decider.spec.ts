import type { CompletionRule } from '@training-ledger/contracts';
import { given, type MessageMetadata } from '@training-ledger/decider';
import { type CompletionAssessed, type NoteRunEvidence, type RunCompletionEvent, runCompletionDecider } from './run-completion.decider';
import { evidenceOf, type RunFact } from './run-evidence';

const metadata: MessageMetadata = {
  correlationId: 'c-1',
  causationId: null,
  actor: { id: 'course-delivery', roles: [] },
  occurredAt: '2027-03-20T09:00:00.000Z',
};
const RUN = 'run-2027-ky-nang-dam-phan';
const sessions = Array.from({ length: 10 }, (_, index) => `S${index + 1}`);
const rule = (overrides: Partial<CompletionRule> = {}): CompletionRule => ({
  ruleVersion: 2,
  minAttendanceShare: '0.8000',
  excusedCountsAsAttended: false,
  assessmentRequired: false,
  passMark: null,
  ...overrides,
});

let sourceCounter = 0;
const nextSource = (): string => `source-${(sourceCounter += 1)}`;
/** Facts as one consumed batch of the run. */
const noteBatch = (facts: readonly RunFact[], sourceEventIds = facts.map(nextSource)): NoteRunEvidence => ({
  type: 'NoteRunEvidence',
  data: { runId: RUN, items: facts.map((fact, index) => ({ sourceEventId: sourceEventIds[index] ?? nextSource(), evidence: evidenceOf(fact) })) },
  metadata,
});
const note = (fact: RunFact, sourceEventId = nextSource()): NoteRunEvidence => noteBatch([fact], [sourceEventId]);

const scheduled: RunFact = {
  type: 'CourseRunScheduled.v1',
  data: {
    runId: RUN,
    courseId: 'KN-DP-01',
    courseCode: 'KN-DP-01',
    level: 'universal',
    trainingGroup: 'skills-and-style',
    format: 'in-person',
    providerInstitutionId: 'HVNG',
    hostAgencyId: null,
    venue: 'Học viện Ngoại giao',
    startDate: '2027-03-15',
    endDate: '2027-03-19',
    nominationDeadline: '2027-03-01',
    capacity: 40,
    agencyQuotas: [],
    waitlistPolicy: 'auto-approve',
    eligibleTargetGroups: ['regular'],
    eligibleRanks: ['specialist'],
    completionRule: rule(),
    sessions: [],
    lecturers: [],
  },
};
const approved = (traineeId: string, agencyId = 'BTC'): RunFact => ({
  type: 'NominationApproved.v1',
  data: { nominationId: `n-${traineeId}`, runId: RUN, traineeId, agencyId, targetGroup: 'regular', rank: 'specialist', leadership: false, fromWaitlist: false },
});
const marked = (traineeId: string, sessionId: string, status: 'present' | 'late' | 'absent' | 'excused'): RunFact => ({
  type: 'AttendanceRecorded.v1',
  data: { runId: RUN, sessionId, traineeId, status, observedAt: '2027-03-15T08:05:00+07:00', recordId: `${traineeId}/${sessionId}`, postedBy: 'HVNG' },
});
const attendedSessions = (traineeId: string, attended: number, otherwise: 'absent' | 'excused' = 'absent'): RunFact[] =>
  sessions.map((sessionId, index) => marked(traineeId, sessionId, index < attended ? 'present' : otherwise));
const completed = (completionRule = rule()): RunFact => ({
  type: 'CourseRunCompleted.v1',
  data: {
    runId: RUN,
    courseId: 'KN-DP-01',
    courseCode: 'KN-DP-01',
    level: 'universal',
    trainingGroup: 'skills-and-style',
    format: 'in-person',
    completedOn: '2027-03-19',
    sessionsHeld: sessions,
    hasForeignLecturer: false,
    hostAgencyId: null,
    completionRule,
  },
});

/** The history the decider itself writes when it is told these facts in order. */
function historyOf(facts: readonly RunFact[]): RunCompletionEvent[] {
  const history: RunCompletionEvent[] = [];
  let state = runCompletionDecider.initialState();
  for (const fact of facts) {
    for (const event of runCompletionDecider.decide(note(fact), state)) {
      history.push(event);
      state = runCompletionDecider.evolve(state, event);
    }
  }
  return history;
}

const assessments = (outcome: ReturnType<ReturnType<typeof given>['when']>): CompletionAssessed['data'][] =>
  'events' in outcome
    ? outcome.events.filter((event): event is CompletionAssessed => event.type === 'CompletionAssessed.v1').map((event) => event.data)
    : [];

describe('completion of a run (hoàn thành khoá bồi dưỡng)', () => {
  it('assesses nobody before the run is completed', () => {
    const outcome = given(runCompletionDecider, historyOf([scheduled, approved('t-1')])).when(note(marked('t-1', 'S1', 'present')));
    expect(assessments(outcome)).toEqual([]);
    expect('events' in outcome && outcome.events.map((event) => event.type)).toEqual(['RunEvidenceNoted.v1']);
  });

  it('on completion assesses every approved trainee: 9 of 10 sessions meets a rule of 0.8, 7 of 10 does not', () => {
    const history = historyOf([scheduled, approved('t-1'), approved('t-2', 'HN'), ...attendedSessions('t-1', 9), ...attendedSessions('t-2', 7)]);
    const outcome = given(runCompletionDecider, history).when(note(completed()));
    expect(assessments(outcome)).toEqual([
      {
        runId: RUN,
        traineeId: 't-1',
        agencyId: 'BTC',
        sessionsHeld: 10,
        sessionsAttended: 9,
        attendanceShare: '0.9000',
        assessmentPassed: null,
        ruleVersion: 2,
        eligible: true,
        reasons: [],
      },
      {
        runId: RUN,
        traineeId: 't-2',
        agencyId: 'HN',
        sessionsHeld: 10,
        sessionsAttended: 7,
        attendanceShare: '0.7000',
        assessmentPassed: null,
        ruleVersion: 2,
        eligible: false,
        reasons: ['attended 7 of 10 sessions (0.7000), below the required 0.8000'],
      },
    ]);
  });

  it('counts late arrivals as attended', () => {
    const facts = [scheduled, approved('t-1'), ...sessions.map((sessionId) => marked('t-1', sessionId, 'late'))];
    expect(assessments(given(runCompletionDecider, historyOf(facts)).when(note(completed())))[0]).toMatchObject({ eligible: true, attendanceShare: '1.0000' });
  });

  it('counts excused absences only when the rule in force says so', () => {
    const facts = [scheduled, approved('t-1'), ...attendedSessions('t-1', 6, 'excused')];
    expect(assessments(given(runCompletionDecider, historyOf(facts)).when(note(completed())))[0]).toMatchObject({ eligible: false });
    expect(
      assessments(given(runCompletionDecider, historyOf(facts)).when(note(completed(rule({ excusedCountsAsAttended: true })))))[0],
    ).toMatchObject({ eligible: true, sessionsAttended: 10 });
  });

  it('rounds the share down before comparing: 2 of 3 sessions is 0.6666 and misses a rule of 0.6667', () => {
    const threeHeld = (completionRule: CompletionRule): RunFact => {
      const fact = completed(completionRule);
      return fact.type === 'CourseRunCompleted.v1' ? { ...fact, data: { ...fact.data, sessionsHeld: ['S1', 'S2', 'S3'] } } : fact;
    };
    const facts = [scheduled, approved('t-1'), marked('t-1', 'S1', 'present'), marked('t-1', 'S2', 'late'), marked('t-1', 'S3', 'absent')];
    expect(assessments(given(runCompletionDecider, historyOf(facts)).when(note(threeHeld(rule({ minAttendanceShare: '0.6667' })))))).toMatchObject([
      { eligible: false, sessionsHeld: 3, sessionsAttended: 2, attendanceShare: '0.6666', reasons: ['attended 2 of 3 sessions (0.6666), below the required 0.6667'] },
    ]);
    expect(assessments(given(runCompletionDecider, historyOf(facts)).when(note(threeHeld(rule({ minAttendanceShare: '0.6666' })))))).toMatchObject([
      { eligible: true, attendanceShare: '0.6666' },
    ]);
  });

  it('requires a passed assessment when the rule requires one', () => {
    const required = rule({ assessmentRequired: true, passMark: 50 });
    const base = [scheduled, approved('t-1'), approved('t-2'), approved('t-3'), ...attendedSessions('t-1', 10), ...attendedSessions('t-2', 10), ...attendedSessions('t-3', 10)];
    const assessed = (traineeId: string, passed: boolean): RunFact => ({
      type: 'AssessmentRecorded.v1',
      data: { runId: RUN, traineeId, score: passed ? 80 : 30, maxScore: 100, passed },
    });
    const outcome = given(runCompletionDecider, historyOf([...base, assessed('t-1', true), assessed('t-2', false)])).when(note(completed(required)));
    expect(assessments(outcome).map(({ traineeId, eligible, assessmentPassed, reasons }) => ({ traineeId, eligible, assessmentPassed, reasons }))).toEqual([
      { traineeId: 't-1', eligible: true, assessmentPassed: true, reasons: [] },
      { traineeId: 't-2', eligible: false, assessmentPassed: false, reasons: ['the required assessment was not passed'] },
      { traineeId: 't-3', eligible: false, assessmentPassed: false, reasons: ['the required assessment has no result'] },
    ]);
  });

  it('notes a fact delivered twice only once', () => {
    const history = historyOf([scheduled]);
    const first = note(approved('t-1'), 'event-42');
    const afterFirst = [...history, ...historyOfCommand(history, first)];
    expect(given(runCompletionDecider, afterFirst).when(note(approved('t-1'), 'event-42'))).toEqual({ events: [] });
  });

  it('re-assesses a trainee after a late correction, and says nothing when the result does not change', () => {
    const history = historyOf([scheduled, approved('t-1'), ...attendedSessions('t-1', 8), completed()]);
    const downgrade: RunFact = {
      type: 'AttendanceCorrected.v1',
      data: { runId: RUN, sessionId: 'S1', traineeId: 't-1', previousStatus: 'present', newStatus: 'absent', correctedBy: 'HVNG' },
    };
    expect(assessments(given(runCompletionDecider, history).when(note(downgrade)))).toMatchObject([
      { traineeId: 't-1', eligible: false, sessionsAttended: 7, attendanceShare: '0.7000' },
    ]);
    const sameResult: RunFact = { ...downgrade, data: { ...downgrade.data, sessionId: 'S10', previousStatus: 'absent', newStatus: 'excused' } };
    expect(assessments(given(runCompletionDecider, history).when(note(sameResult)))).toEqual([]);
  });

  it('makes a trainee whose nomination is withdrawn after completion ineligible', () => {
    const history = historyOf([scheduled, approved('t-1'), ...attendedSessions('t-1', 10), completed()]);
    const withdrawn: RunFact = {
      type: 'NominationWithdrawn.v1',
      data: { nominationId: 'n-t-1', runId: RUN, traineeId: 't-1', agencyId: 'BTC' },
    };
    expect(assessments(given(runCompletionDecider, history).when(note(withdrawn)))).toMatchObject([
      { traineeId: 't-1', eligible: false, reasons: ['the nomination is no longer approved'] },
    ]);
  });

  it('assesses nobody on a cancelled run', () => {
    const cancelled: RunFact = { type: 'CourseRunCancelled.v1', data: { runId: RUN } };
    const history = historyOf([scheduled, approved('t-1'), ...attendedSessions('t-1', 10), cancelled]);
    expect(assessments(given(runCompletionDecider, history).when(note(completed())))).toEqual([]);
  });

  it('notes a consumed batch as one event and assesses each trainee once, on the batch’s last word', () => {
    const history = historyOf([scheduled, approved('t-1'), approved('t-2')]);
    const batch = [...attendedSessions('t-1', 10), ...attendedSessions('t-2', 10), completed(), marked('t-2', 'S1', 'absent'), marked('t-2', 'S2', 'absent'), marked('t-2', 'S3', 'absent')];
    const outcome = given(runCompletionDecider, history).when(noteBatch(batch));
    expect('events' in outcome && outcome.events.map((event) => event.type)).toEqual(['RunEvidenceNoted.v1', 'CompletionAssessed.v1', 'CompletionAssessed.v1']);
    expect(assessments(outcome).map(({ traineeId, eligible, sessionsAttended }) => ({ traineeId, eligible, sessionsAttended }))).toEqual([
      { traineeId: 't-1', eligible: true, sessionsAttended: 10 },
      { traineeId: 't-2', eligible: false, sessionsAttended: 7 },
    ]);
  });

  it('keeps of a fact only the evidence a decision rests on, in certification’s own words', () => {
    const outcome = given(runCompletionDecider, historyOf([scheduled])).when(note(marked('t-1', 'S1', 'late'), 'event-7'));
    expect('events' in outcome && outcome.events[0]?.data).toEqual({
      runId: RUN,
      items: [{ sourceEventId: 'event-7', evidence: { kind: 'attendance', sessionId: 'S1', traineeId: 't-1', status: 'late' } }],
    });
  });

  it('notes only the facts of a redelivered batch it has not noted, and a fact repeated within a batch once', () => {
    const history = [...historyOf([scheduled]), ...historyOfCommand(historyOf([scheduled]), noteBatch([approved('t-1')], ['event-1']))];
    const outcome = given(runCompletionDecider, history).when(noteBatch([approved('t-1'), approved('t-2'), approved('t-2')], ['event-1', 'event-2', 'event-2']));
    expect('events' in outcome && outcome.events.map((event) => (event.type === 'RunEvidenceNoted.v1' ? event.data.items.map((item) => item.sourceEventId) : []))).toEqual([['event-2']]);
  });

  it('leaves the state it evolves from as it was, so that a cached state can be decided on again', () => {
    const before = historyOf([scheduled, approved('t-1'), ...attendedSessions('t-1', 4)]).reduce(runCompletionDecider.evolve, runCompletionDecider.initialState());
    const snapshot = { trainees: before.trainees.toJS(), attendance: before.attendance.toJS(), noted: before.notedSources.toJS() };
    const [noted] = runCompletionDecider.decide(noteBatch([approved('t-2'), ...attendedSessions('t-1', 10, 'excused'), ...attendedSessions('t-2', 7)]), before);
    const after = runCompletionDecider.evolve(before, noted as RunCompletionEvent);
    expect({ trainees: before.trainees.toJS(), attendance: before.attendance.toJS(), noted: before.notedSources.toJS() }).toEqual(snapshot);
    expect([after.trainees.size, after.attendance.size, after.notedSources.size - before.notedSources.size]).toEqual([2, 20, 21]);
    const again = runCompletionDecider.evolve(before, noted as RunCompletionEvent);
    expect({ trainees: again.trainees.toJS(), attendance: again.attendance.toJS() }).toEqual({ trainees: after.trainees.toJS(), attendance: after.attendance.toJS() });
    expect(() => (after.attendance as unknown as { set(key: string, value: string): unknown }).set('S1\u0000t-9', 'present')).not.toThrow();
    expect(after.attendance.has('S1\u0000t-9')).toBe(false);
  });

  it('refuses a fact of another run on this run', () => {
    const other: NoteRunEvidence = { ...note(approved('t-1')), data: { ...note(approved('t-1')).data, runId: 'another-run' } };
    expect(given(runCompletionDecider, historyOf([scheduled])).when(other)).toEqual({
      violation: { rule: 'facts-of-one-run', field: 'runId', kind: 'invalid' },
    });
  });
});

function historyOfCommand(history: readonly RunCompletionEvent[], command: NoteRunEvidence): readonly RunCompletionEvent[] {
  const state = history.reduce(runCompletionDecider.evolve, runCompletionDecider.initialState());
  return runCompletionDecider.decide(command, state);
}
