import type { AgencyKind, AttendanceStatus, CourseFormat, CourseLevel, Rank, TargetGroup, TrainingGroup } from '@training-ledger/contracts';
import { type EvaluationJobAnswer, EvaluationJobFailed, followEvaluationJob } from '@training-ledger/test-servers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PostedFacts } from './posted-facts';
import { SeededRandom } from './random';

export interface SimulationScale {
  readonly seed: number;
  /** How many ministries and provinces of the real list take part; `all` for the whole country. */
  readonly ministries: number | 'all';
  readonly provinces: number | 'all';
  readonly traineesPerAgency: number;
  readonly runsPerYear: number;
  readonly daysPerRun: number;
  readonly nomineesPerAgencyPerRun: number;
  readonly agenciesPerRun: number;
  /** The share of marks a provider corrects days after a run. */
  readonly correctionShare: number;
  /**
   * How many runs of a year are played at once. Each run draws from a generator of its own, derived
   * from the seed and the run, and its facts are recorded in run order: the programme is the same at
   * any width.
   */
  readonly parallelRuns: number;
}

export const smallScale: SimulationScale = {
  seed: 892,
  ministries: 3,
  provinces: 3,
  traineesPerAgency: 8,
  runsPerYear: 2,
  daysPerRun: 2,
  nomineesPerAgencyPerRun: 3,
  agenciesPerRun: 4,
  correctionShare: 0.03,
  parallelRuns: 1,
};

/**
 * At least 60,000 trainees and 2,000,000 attendance marks: all 57 ministries, agencies and provinces with 1,060
 * trainees each, 30 runs a year of 10 days (20 sessions), 25 agencies sending 28 trainees to each: about
 * 2.2 million marks over 165 runs. Ten-day runs reach two million marks with half the nominations, and
 * half the certification work, that five-day runs would need.
 */
export const nationalScale: SimulationScale = {
  seed: 892,
  ministries: 'all',
  provinces: 'all',
  traineesPerAgency: 1_060,
  runsPerYear: 30,
  daysPerRun: 10,
  nomineesPerAgencyPerRun: 28,
  agenciesPerRun: 25,
  correctionShare: 0.005,
  parallelRuns: 6,
};

type RunFactList = 'runs' | 'nominations' | 'attendance' | 'certificates' | 'feedback';

export type Role = 'programme-admin' | 'certifier' | 'evaluator' | 'auditor' | 'monitor' | 'agency-integration' | 'institution-integration';

export interface SystemUnderTest {
  readonly urls: { readonly enrolment: string; readonly courseDelivery: string; readonly certification: string; readonly reporting: string };
  mint(role: Role, claims?: { agencyId?: string; institutionId?: string }): Promise<string>;
  /** Resolves once every consumer has read everything published so far. */
  waitForQuiet(): Promise<void>;
  /** Called between the programme's steps, so that a fault test can strike while the simulation runs. */
  onStep?(step: string): Promise<void>;
  /**
   * Called as each request leaves, while it is in flight, so that a fault test can strike a
   * service mid-request; the request is sent again (with its Idempotency-Key) once this resolves.
   */
  whileInFlight?(request: RequestInFlight): Promise<void>;
}

export interface RequestInFlight {
  readonly service: keyof SystemUnderTest['urls'];
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  /** Whether the answer (or the connection's failure) has arrived. */
  readonly settled: () => boolean;
  /** Resolves when it has, whichever way. */
  readonly answered: Promise<unknown>;
}

export interface EvaluationIssued {
  readonly evaluationId: string;
  readonly asOf: string;
  readonly reportSha256: string;
  readonly factsAtIssue: PostedFacts;
}

export interface LateAttendanceCorrection {
  readonly runId: string;
  readonly sessionId: string;
  readonly traineeId: string;
  readonly sessionDate: string;
  /** How the trainee's attended learner-times on the run move: one more or one fewer. */
  readonly learnerTimesAttended: 1 | -1;
}

export interface SimulationResult {
  readonly facts: PostedFacts;
  readonly midTerm: EvaluationIssued;
  readonly final: EvaluationIssued;
  /** A roster correction posted after the mid-term was issued, dated within its period. */
  readonly lateCorrection: { readonly agencyId: string; readonly asOf: string; readonly regular: number; readonly nonRegular: number };
  /** An attendance correction posted after the mid-term was issued, about a session before its as-of date. */
  readonly lateAttendanceCorrection: LateAttendanceCorrection;
  /** The 2029 annual evaluation, and a mark about one of its sessions posted after it was issued. */
  readonly annual2029: EvaluationIssued;
  readonly lateMark: { readonly runId: string; readonly sessionId: string; readonly traineeId: string; readonly sessionDate: string };
  /** A certificate revoked before the mid-term's as-of date and reissued after the mid-term was issued. */
  readonly lateReissue: { readonly replacedCertificateId: string; readonly certificateId: string; readonly on: string };
  /** An agency with certified learners before the mid-term, renamed after it was issued. */
  readonly lateRename: { readonly agencyId: string; readonly nameBefore: string; readonly nameAfter: string; readonly on: string };
  readonly requests: number;
}

interface Agency {
  readonly code: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly kind: AgencyKind;
}

interface Trainee {
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly fullName: string;
}

interface Course {
  readonly courseId: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly assessmentRequired: boolean;
  readonly eligibleRanks: readonly Rank[];
  readonly titleVi: string;
  readonly titleEn: string;
}

const PROVIDER = 'HVNG';
/** The most the bulk registration takes at once; an agency's list is sent in as few and as even requests as that allows. */
const TRAINEES_PER_REQUEST = 1_000;
/** The most a bulk correction or assessment request takes at once. */
const ITEMS_PER_REQUEST = 1_000;
const MARKS_PER_REQUEST = 500;
const AGENCIES_REGISTERING_AT_ONCE = 3;
/** A run's attendance batches in flight at once: they append to one stream, so a few, not many. */
const POSTINGS_OF_A_RUN_AT_ONCE = 2;
const DAY_MS = 86_400_000;
const ranks: readonly Rank[] = ['director-general', 'deputy-director-general', 'division-level', 'specialist', 'specialist', 'specialist', 'other'];
const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const givenNames = ['Thị Hồng Nhung', 'Văn Minh', 'Quốc Bảo', 'Thu Hà', 'Đức Anh', 'Ngọc Lan', 'Hữu Phước', 'Thanh Tâm', 'Minh Châu', 'Gia Huy'];
const courseTitles: readonly [string, string][] = [
  ['Kỹ năng đàm phán quốc tế', 'International negotiation'],
  ['Lễ tân ngoại giao', 'Diplomatic protocol'],
  ['Pháp luật quốc tế cơ bản', 'Foundations of international law'],
  ['Tiếng Anh chuyên ngành đối ngoại', 'English for foreign affairs'],
  ['Hội nhập kinh tế quốc tế cho lãnh đạo cấp Vụ, cấp Sở', 'International economic integration, for department-level leaders'],
  ['Soạn thảo điều ước quốc tế', 'Drafting international agreements'],
  ['Truyền thông đối ngoại', 'External communication'],
  ['Tổ chức hội nghị quốc tế', 'Organising international conferences'],
];
const levels: readonly CourseLevel[] = ['universal', 'universal', 'advanced', 'specialised', 'sector-specific'];
const formats: readonly CourseFormat[] = ['in-person', 'in-person', 'online', 'internship-domestic', 'internship-abroad'];

/** What a bulk endpoint answers, as far as the simulation reads it. */
interface BulkAnswer {
  readonly accepted: number;
  readonly alreadyRecorded: number;
  readonly refused: number;
  readonly items: readonly { readonly result: string }[];
}

/** The items in as few lists of at most `most` as they fit in, the lists as even as can be, in order. */
function evenChunks<T>(items: readonly T[], most: number): T[][] {
  const count = Math.ceil(items.length / most);
  const size = Math.ceil(items.length / Math.max(1, count));
  return Array.from({ length: count }, (_, chunk) => items.slice(chunk * size, (chunk + 1) * size));
}

const isLeaderRank = (rank: Rank): boolean => rank === 'director-general' || rank === 'deputy-director-general';
const allRanks: readonly Rank[] = ['director-general', 'deputy-director-general', 'division-level', 'specialist', 'other'];
/** The course for department-level leaders admits leaders only: the programme's senior course (khóa cấp cao). */
const SENIOR_COURSE_INDEX = 4;
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** An instant of a Vietnamese calendar day. */
const at = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;

/**
 * Plays the programme 2026–2031 through the public HTTP APIs, the way the ministries', provinces'
 * and MOFA's systems would, and keeps what it posted and what was accepted as its own ground truth.
 */
export class ProgrammeSimulation {
  private readonly random: SeededRandom;
  /** A mark the institution sends only after the year's evaluation: a learner's one attended session. */
  private withheldMark: { readonly runId: string; readonly sessionDate: string; readonly mark: { recordId: string; traineeId: string; sessionId: string; status: AttendanceStatus; observedAt: string } } | null = null;
  private readonly facts: { -readonly [K in keyof PostedFacts]: PostedFacts[K] } = { agencies: [], rosters: [], runs: [], nominations: [], attendance: [], certificates: [], feedback: [] };
  private readonly tokens = new Map<string, string>();
  private requests = 0;
  private trainees: Trainee[] = [];
  private courses: Course[] = [];

  constructor(
    private readonly system: SystemUnderTest,
    private readonly scale: SimulationScale,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.random = new SeededRandom(scale.seed);
  }

  async run(): Promise<SimulationResult> {
    const agencies = this.agencies();
    await this.registerAgencies(agencies);
    await this.defineCourses();
    await this.registerTrainees(agencies);
    let midTerm: EvaluationIssued | null = null;
    let lateCorrection: SimulationResult['lateCorrection'] | null = null;
    let lateAttendanceCorrection: LateAttendanceCorrection | null = null;
    let lateRename: SimulationResult['lateRename'] | null = null;
    let lateReissue: SimulationResult['lateReissue'] | null = null;
    let annual2029: EvaluationIssued | null = null;
    let lateMark: SimulationResult['lateMark'] | null = null;
    for (const year of [2026, 2027, 2028, 2029, 2030, 2031]) {
      await this.declareRosters(agencies, year);
      const runs = year === 2026 ? Math.max(1, Math.ceil(this.scale.runsPerYear / 2)) : this.scale.runsPerYear;
      for (let first = 0; first < runs; first += this.scale.parallelRuns) {
        const indexes = Array.from({ length: Math.min(this.scale.parallelRuns, runs - first) }, (_, offset) => first + offset);
        const played = this.factCounts();
        await Promise.all(indexes.map((index) => this.playRun(agencies, year, index, runs)));
        this.putInRunOrder(played);
        await this.system.onStep?.(`run ${year}/${first + 1}`);
      }
      this.log(`played ${year}: ${this.facts.runs.length} runs, ${this.facts.attendance.length.toLocaleString('en')} marks and corrections, ${this.facts.certificates.length.toLocaleString('en')} certificates so far`);
      if (year === 2028) {
        midTerm = await this.issueEvaluation('mid-term', '2028-12-31', at('2029-01-20'));
        lateCorrection = await this.postLateRosterCorrection(agencies);
        lateAttendanceCorrection = await this.postLateAttendanceCorrection('2028-12-31', '2029-02-10');
        lateRename = await this.renameAgencyWithLearners('2028-12-31', '2029-03-01');
        lateReissue = await this.reissueRevokedCertificate('2028-12-31', '2029-03-15');
      }
      if (year === 2029) {
        annual2029 = await this.issueEvaluation('annual', '2029-12-31', at('2030-01-20'));
        lateMark = await this.postWithheldMark('2030-02-10');
      }
    }
    const final = await this.issueEvaluation('final', '2031-12-31', at('2032-01-20'));
    if (!midTerm || !lateCorrection || !lateAttendanceCorrection || !lateRename || !lateReissue || !annual2029 || !lateMark) throw new Error('the programme ended before 2030');
    return { facts: this.snapshot(), midTerm, final, lateCorrection, lateAttendanceCorrection, lateRename, lateReissue, annual2029, lateMark, requests: this.requests };
  }

  private agencies(): Agency[] {
    const seed = JSON.parse(readFileSync(join(__dirname, '../../services/enrolment/seed/agencies.vn-2025.json'), 'utf8')) as { agencies: Agency[] };
    const ministries = seed.agencies.filter((agency) => agency.kind !== 'province' && agency.kind !== 'commune');
    const provinces = seed.agencies.filter((agency) => agency.kind === 'province');
    const take = (list: Agency[], count: number | 'all') => (count === 'all' ? list : list.slice(0, count));
    return [...take(ministries, this.scale.ministries), ...take(provinces, this.scale.provinces)];
  }

  private factCounts(): { readonly [K in RunFactList]: number } {
    return { runs: this.facts.runs.length, nominations: this.facts.nominations.length, attendance: this.facts.attendance.length, certificates: this.facts.certificates.length, feedback: this.facts.feedback.length };
  }

  /**
   * The facts of runs played at once, in the order of their runs rather than of their requests'
   * answers (each run's own in the order it posted them): what the later steps pick from the record
   * is then the same however the runs interleaved.
   */
  private putInRunOrder(before: { readonly [K in RunFactList]: number }): void {
    const inRunOrder = <T extends { readonly runId: string }>(facts: T[], from: number): void => {
      const played = facts.splice(from).map((fact, place) => ({ fact, place }));
      played.sort((a, b) => (a.fact.runId < b.fact.runId ? -1 : a.fact.runId > b.fact.runId ? 1 : a.place - b.place));
      for (const { fact } of played) facts.push(fact);
    };
    inRunOrder(this.facts.runs, before.runs);
    inRunOrder(this.facts.nominations, before.nominations);
    inRunOrder(this.facts.attendance, before.attendance);
    inRunOrder(this.facts.certificates, before.certificates);
    inRunOrder(this.facts.feedback, before.feedback);
  }

  private async registerAgencies(agencies: readonly Agency[]): Promise<void> {
    const admin = await this.token('programme-admin');
    await this.parallel(agencies, 4, async (agency) => {
      await this.call('enrolment', admin, 'POST', '/agencies', at('2026-05-25'), { code: agency.code, nameVi: agency.nameVi, nameEn: agency.nameEn, kind: agency.kind });
    });
    this.facts.agencies.push(...agencies.map((agency) => ({ agencyId: agency.code, nameVi: agency.nameVi, kind: agency.kind, renames: [] })));
    this.log(`registered ${agencies.length} agencies`);
  }

  private async defineCourses(): Promise<void> {
    const admin = await this.token('programme-admin');
    this.courses = courseTitles.map(([titleVi, titleEn], index) => ({
      courseId: `DA892-${String(index + 1).padStart(2, '0')}`,
      level: levels[index % levels.length] as CourseLevel,
      trainingGroup: index % 2 === 0 ? 'skills-and-style' : 'expertise',
      format: formats[index % formats.length] as CourseFormat,
      assessmentRequired: index % 3 === 2,
      eligibleRanks: index === SENIOR_COURSE_INDEX ? allRanks.filter(isLeaderRank) : allRanks,
      titleVi,
      titleEn,
    }));
    for (const course of this.courses) {
      await this.call('courseDelivery', admin, 'POST', '/courses', at('2026-06-01'), {
        courseId: course.courseId,
        code: course.courseId,
        titleVi: course.titleVi,
        titleEn: course.titleEn,
        trainingGroup: course.trainingGroup,
        level: course.level,
        sector: course.level === 'sector-specific' ? 'Hợp tác ASEAN' : null,
        requirementGroups: [course.trainingGroup],
        format: course.format,
        lengthDays: this.scale.daysPerRun,
        lengthHours: this.scale.daysPerRun * 7,
        languages: ['vi'],
        eligibleTargetGroups: ['regular', 'non-regular'],
        eligibleRanks: course.eligibleRanks,
        completionRule: {
          minAttendanceShare: '0.8000',
          excusedCountsAsAttended: false,
          assessmentRequired: course.assessmentRequired,
          passMark: course.assessmentRequired ? 50 : null,
        },
      });
    }
  }

  private async registerTrainees(agencies: readonly Agency[]): Promise<void> {
    const planned: Trainee[] = agencies.flatMap((agency) =>
      Array.from({ length: this.scale.traineesPerAgency }, (_, index) => ({
        traineeId: `${agency.code}-${String(index + 1).padStart(5, '0')}`,
        agencyId: agency.code,
        targetGroup: (this.random.chance(0.3) ? 'non-regular' : 'regular') as TargetGroup,
        rank: this.random.pick(ranks),
        fullName: `${this.random.pick(familyNames)} ${this.random.pick(givenNames)}`,
      })),
    );
    // One staff number a trainee, drawn in the trainees' order after their profiles, as the registrations were once sent one by one.
    const registrations = planned.map((trainee) => ({
      traineeId: trainee.traineeId,
      targetGroup: trainee.targetGroup,
      rank: trainee.rank,
      leadership: isLeaderRank(trainee.rank),
      sector: null,
      fullName: trainee.fullName,
      dateOfBirth: '1985-04-12',
      staffNumber: `SHCC-${String(100_000 + this.random.below(900_000))}`,
    }));
    const lists = agencies.flatMap((agency) =>
      evenChunks(
        registrations.filter((_registration, index) => planned[index]?.agencyId === agency.code),
        TRAINEES_PER_REQUEST,
      ).map((trainees, list) => ({ agencyId: agency.code, list, trainees })),
    );
    await this.parallel(lists, AGENCIES_REGISTERING_AT_ONCE, async ({ agencyId, list, trainees }) => {
      const token = await this.token('agency-integration', { agencyId });
      const answer = (await this.call('enrolment', token, 'POST', `/agencies/${agencyId}/trainees/bulk`, at('2026-06-05'), { trainees }, {
        idempotencyKey: `${agencyId}-trainees-${list}`,
      })) as BulkAnswer;
      // Already recorded: a retry after a restart part-way found the registration in the log.
      if (answer.refused > 0 || answer.accepted + answer.alreadyRecorded !== trainees.length) {
        throw new Error(`registrations of ${agencyId} refused: ${JSON.stringify(answer.items.filter((item) => item.result === 'refused')).slice(0, 400)}`);
      }
    });
    this.trainees = planned;
    this.log(`registered ${planned.length} trainees`);
  }

  private async declareRosters(agencies: readonly Agency[], year: number): Promise<void> {
    await this.parallel(agencies, 4, async (agency) => {
      const trainees = this.trainees.filter((trainee) => trainee.agencyId === agency.code);
      const regular = trainees.filter((trainee) => trainee.targetGroup === 'regular').length;
      const nonRegular = trainees.length - regular;
      // Agencies declare more staff than take part, growing a little year by year.
      const growth = 1 + (year - 2026) * 0.02;
      const declared = { regular: Math.ceil(regular * 2.2 * growth), nonRegular: Math.ceil(nonRegular * 2.5 * growth) };
      await this.postRoster(agency.code, `${year}-01-01`, declared.regular, declared.nonRegular, `${year}-01-06`);
    });
  }

  private async postRoster(agencyId: string, asOf: string, regular: number, nonRegular: number, postedOn: string): Promise<void> {
    const token = await this.token('agency-integration', { agencyId });
    await this.call('enrolment', token, 'POST', `/agencies/${agencyId}/rosters`, at(postedOn), { asOf, regular, nonRegular });
    // Enrolment names a declaration by its agency and date: a later one for the same date restates it.
    this.facts.rosters.push({ agencyId, declarationId: `${agencyId}/${asOf}`, asOf, regular, nonRegular, postedOn });
  }

  private async playRun(agencies: readonly Agency[], year: number, index: number, runsInYear: number): Promise<void> {
    const admin = await this.token('programme-admin');
    const institution = await this.token('institution-integration', { institutionId: PROVIDER });
    const course = this.courses[(year * 7 + index) % this.courses.length] as Course;
    const firstMonth = year === 2026 ? 8 : 2;
    const month = firstMonth + Math.floor((index * (11 - firstMonth)) / runsInYear);
    const startDate = `${year}-${String(month).padStart(2, '0')}-${String(8 + (index % 3) * 5).padStart(2, '0')}`;
    const days = Array.from({ length: this.scale.daysPerRun }, (_, day) => addDays(startDate, day));
    const endDate = days.at(-1) as string;
    const runId = `RUN-${year}-${String(index + 1).padStart(3, '0')}-${course.courseId}`;
    // Runs play at once: each draws from its own generator, so that the programme is the same however they interleave.
    const random = SeededRandom.derived(this.scale.seed, runId);
    const sessions = days.flatMap((date, day) => [
      { sessionId: `S${2 * day + 1}`, date, startsAt: at(date, '08:00'), endsAt: at(date, '11:30') },
      { sessionId: `S${2 * day + 2}`, date, startsAt: at(date, '13:30'), endsAt: at(date, '17:00') },
    ]);
    const foreign = random.chance(0.3);
    const participating = random.sample(agencies, this.scale.agenciesPerRun);
    const capacity = participating.length * this.scale.nomineesPerAgencyPerRun + 5;
    const scheduledOn = addDays(startDate, -40);
    const deadline = addDays(startDate, -10);
    await this.call('courseDelivery', admin, 'POST', '/runs', at(scheduledOn), {
      runId,
      courseId: course.courseId,
      providerInstitutionId: PROVIDER,
      hostAgencyId: null,
      venue: course.format === 'online' ? null : 'Học viện Ngoại giao, 69 Chùa Láng, Hà Nội',
      startDate,
      endDate,
      nominationDeadline: deadline,
      capacity,
      agencyQuotas: [],
      waitlistPolicy: 'auto-approve',
      sessions,
      lecturers: [
        { lecturerId: `${runId}-L1`, name: 'Trần Thị Mai', origin: 'vietnamese', affiliation: 'Học viện Ngoại giao' },
        ...(foreign ? [{ lecturerId: `${runId}-L2`, name: 'Prof. Anna Schmidt', origin: 'foreign' as const, affiliation: 'Geneva Graduate Institute' }] : []),
      ],
    });

    // Nominations (cử cán bộ): each agency nominates some of its trainees; MOFA decides.
    const approved: Trainee[] = [];
    // A seat freed by a withdrawal goes to the earliest waitlisted nomination (the run's policy approves it at once).
    const waitlisted: Trainee[] = [];
    for (const agency of participating) {
      const token = await this.token('agency-integration', { agencyId: agency.code });
      // An agency nominates only staff the course admits; one with no leaders sends no one to the senior course.
      const nominees = random.sample(
        this.trainees.filter((trainee) => trainee.agencyId === agency.code && course.eligibleRanks.includes(trainee.rank)),
        this.scale.nomineesPerAgencyPerRun,
      );
      if (nominees.length === 0) continue;
      const submitted = (await this.call(
        'enrolment',
        token,
        'POST',
        `/runs/${runId}/nominations`,
        at(addDays(scheduledOn, 5)),
        { nominations: nominees.map((trainee) => ({ traineeId: trainee.traineeId })) },
        { idempotencyKey: `${runId}-${agency.code}`, retryWhileUnknown: true },
      )) as { items: { traineeId: string; nominationId: string; result: string }[] };
      // MOFA decides on the agency's list at once; an agency's withdrawal comes between its decisions,
      // so the decisions taken before it are sent first.
      const decidedAt = at(addDays(deadline, -3));
      let pending: { nominationId: string; decision: 'approve' | 'reject' | 'waitlist'; reason?: string }[] = [];
      let lists = 0;
      const decidePending = async () => {
        if (pending.length === 0) return;
        lists += 1;
        const decided = (await this.call('enrolment', admin, 'POST', `/runs/${runId}/nominations/decisions`, decidedAt, { decisions: pending }, {
          idempotencyKey: `${runId}-${agency.code}-decisions-${lists}`,
        })) as { refused: number; items: unknown[] };
        if (decided.refused > 0) throw new Error(`decisions on ${runId} refused: ${JSON.stringify(decided.items).slice(0, 400)}`);
        pending = [];
      };
      const withdraw = async (nominationId: string, on: string, reason: string) => {
        await decidePending();
        await this.call('enrolment', token, 'POST', `/runs/${runId}/nominations/${nominationId}/withdraw`, on, { reason });
      };
      for (const item of submitted.items.filter((candidate) => candidate.result !== 'refused')) {
        const trainee = nominees.find((candidate) => candidate.traineeId === item.traineeId) as Trainee;
        const decision = random.next();
        if (decision < 0.06) {
          pending.push({ nominationId: item.nominationId, decision: 'reject', reason: 'Không đúng đối tượng của khóa học' });
        } else if (decision < 0.09) {
          await withdraw(item.nominationId, decidedAt, 'Bận công tác đột xuất');
        } else if (decision < 0.13) {
          pending.push({ nominationId: item.nominationId, decision: 'waitlist' });
          waitlisted.push(trainee);
        } else {
          pending.push({ nominationId: item.nominationId, decision: 'approve' });
          if (decision < 0.16) {
            await withdraw(item.nominationId, at(addDays(deadline, -1)), 'Được cử đi công tác nước ngoài');
            const next = waitlisted.shift();
            if (next) approved.push(next);
          } else {
            approved.push(trainee);
          }
        }
      }
      await decidePending();
    }

    // Course delivery learns of the approvals over Kafka before the first session.
    await this.waitUntil(`roster of ${runId}`, async () => {
      const roster = (await this.call('courseDelivery', admin, 'GET', `/runs/${runId}/roster`, at(addDays(startDate, -1)))) as { traineeIds: string[] };
      // The same people, not only as many: a withdrawal takes one trainee off and the promotion from
      // the waiting list puts another on, so the count is right before course delivery has read either.
      const onRoster = new Set(roster.traineeIds);
      return onRoster.size === approved.length && approved.every((trainee) => onRoster.has(trainee.traineeId));
    });
    await this.call('courseDelivery', admin, 'POST', `/runs/${runId}/start`, at(startDate, '07:30'), {});

    const dateOf = (sessionId: string) => sessions.find((session) => session.sessionId === sessionId)!.date;
    for (const trainee of approved) {
      const { traineeId, agencyId, targetGroup, rank } = trainee;
      this.facts.nominations.push({ runId, traineeId, agencyId, targetGroup, rank, leadership: isLeaderRank(rank) });
    }
    const marks = approved.flatMap((trainee) =>
      sessions.map((session) => {
        const roll = random.next();
        const drawn: AttendanceStatus = roll < 0.84 ? 'present' : roll < 0.89 ? 'late' : roll < 0.96 ? 'absent' : 'excused';
        // The first run of 2027 has one learner who came only to the first session: a mark the mid-term's late correction turns.
        const cameOnce = year === 2027 && index === 0 && trainee === approved.at(-1);
        // The first run of 2029 has one learner who came only to its last session, a mark sent only after the annual evaluation.
        const cameLast = year === 2029 && index === 0 && trainee === approved.at(-1);
        const status: AttendanceStatus = cameOnce ? (session === sessions[0] ? 'present' : 'absent') : cameLast ? (session === sessions.at(-1) ? 'present' : 'absent') : drawn;
        return {
          recordId: `${runId}/${trainee.traineeId}/${session.sessionId}`,
          traineeId: trainee.traineeId,
          sessionId: session.sessionId,
          status,
          observedAt: new Date(Date.parse(session.startsAt) + (status === 'late' ? 20 : 3) * 60_000).toISOString(),
        };
      }),
    );
    const postedOn = endDate;
    const withheld = year === 2029 && index === 0 ? marks.find((mark) => mark.traineeId === approved.at(-1)?.traineeId && mark.sessionId === sessions.at(-1)?.sessionId) : undefined;
    if (withheld) {
      this.withheldMark = { runId, sessionDate: dateOf(withheld.sessionId), mark: withheld };
      marks.splice(marks.indexOf(withheld), 1);
    }
    const batches = Array.from({ length: Math.ceil(marks.length / MARKS_PER_REQUEST) }, (_, batch) => batch * MARKS_PER_REQUEST);
    await this.parallel(batches, POSTINGS_OF_A_RUN_AT_ONCE, async (start) => {
      const batch = marks.slice(start, start + MARKS_PER_REQUEST);
      const result = (await this.call('courseDelivery', institution, 'POST', `/runs/${runId}/attendance`, at(postedOn, '18:00'), { marks: batch }, {
        idempotencyKey: `${runId}-attendance-${start}`,
      })) as BulkAnswer;
      if (result.accepted + result.alreadyRecorded !== batch.length) {
        const refused = result.items.filter((item) => item.result === 'refused');
        throw new Error(`attendance of ${runId}: ${result.refused} refused: ${JSON.stringify(refused).slice(0, 800)}`);
      }
    });
    // Every batch was accepted whole: the marks enter the ground truth in the order they were drawn.
    for (const mark of marks) {
      this.facts.attendance.push({ kind: 'recorded', runId, sessionId: mark.sessionId, traineeId: mark.traineeId, status: mark.status, postedOn, sessionDate: dateOf(mark.sessionId) });
    }

    if (course.assessmentRequired) {
      const assessments = approved.map((trainee) => {
        const score = 35 + random.below(65);
        return { traineeId: trainee.traineeId, score, maxScore: 100, passed: score >= 50 };
      });
      for (const [part, list] of evenChunks(assessments, ITEMS_PER_REQUEST).entries()) {
        const answer = (await this.call('courseDelivery', institution, 'POST', `/runs/${runId}/assessments/bulk`, at(endDate, '17:30'), { assessments: list }, {
          idempotencyKey: `${runId}-assessments-${part}`,
        })) as BulkAnswer;
        if (answer.refused > 0) throw new Error(`assessments on ${runId} refused: ${JSON.stringify(answer.items).slice(0, 400)}`);
        for (const { traineeId, passed } of list) this.assessmentPassed.set(`${runId}/${traineeId}`, passed);
      }
    }
    await this.call('courseDelivery', admin, 'POST', `/runs/${runId}/complete`, at(endDate, '18:30'), {});
    this.facts.runs.push({
      runId,
      level: course.level,
      trainingGroup: course.trainingGroup,
      format: course.format,
      hostAgencyId: null,
      hasForeignLecturer: foreign,
      completedOn: endDate,
      sessionsHeld: sessions.map((session) => session.sessionId),
      eligibleRanks: [...course.eligibleRanks],
    });

    for (const agency of participating) {
      const token = await this.token('agency-integration', { agencyId: agency.code });
      if (!approved.some((trainee) => trainee.agencyId === agency.code)) continue;
      const feedback = {
        feedbackId: `${runId}-${agency.code}`,
        from: 'agency' as const,
        ratings: { content: 3 + random.below(3), lecturers: 3 + random.below(3), organisation: 2 + random.below(4) },
      };
      await this.call('courseDelivery', token, 'POST', `/runs/${runId}/feedback`, at(addDays(endDate, 1)), {
        ...feedback,
        comment: 'Nội dung thiết thực, cần thêm thời gian thực hành.',
      });
      this.facts.feedback.push({ ...feedback, runId, agencyId: agency.code, postedOn: addDays(endDate, 1) });
    }

    // Late corrections (điều chỉnh): the provider finds a few marks wrong days later.
    // Not the learner whose one attended session is still to be sent: that mark alone must decide them.
    // Nor the learner who came once, whose one mark the mid-term's late correction turns: a correction
    // drawn here could leave no learner whose attendance hangs on one mark.
    // They are sent once every mark of the run was accepted: each corrects a mark the sheet holds.
    const keptUncorrected = new Set([withheld?.traineeId, year === 2027 && index === 0 ? approved.at(-1)?.traineeId : undefined]);
    const correctable = marks.filter((mark) => !keptUncorrected.has(mark.traineeId));
    const correctedOn = addDays(endDate, 3);
    const corrections = random.sample(correctable, Math.max(1, Math.round(correctable.length * this.scale.correctionShare))).map((mark) => ({
      sessionId: mark.sessionId,
      traineeId: mark.traineeId,
      newStatus: (mark.status === 'present' ? 'absent' : 'present') as AttendanceStatus,
      reason: 'Đối chiếu lại sổ ký danh',
    }));
    for (const [part, list] of evenChunks(corrections, ITEMS_PER_REQUEST).entries()) {
      const answer = (await this.call('courseDelivery', institution, 'POST', `/runs/${runId}/attendance/corrections/bulk`, at(correctedOn), { corrections: list }, {
        idempotencyKey: `${runId}-corrections-${part}`,
      })) as BulkAnswer;
      // Each corrects another cell to a status it does not have: anything but accepted is not what was meant.
      if (answer.accepted !== list.length) throw new Error(`corrections on ${runId}: ${JSON.stringify(answer).slice(0, 400)}`);
      for (const { sessionId, traineeId, newStatus } of list) {
        this.facts.attendance.push({ kind: 'corrected', runId, sessionId, traineeId, status: newStatus, postedOn: correctedOn, sessionDate: dateOf(sessionId) });
      }
    }

    await this.issueCertificates(runId, course, approved, addDays(endDate, 7));
  }

  private async issueCertificates(runId: string, course: Course, approved: readonly Trainee[], issuedOn: string): Promise<void> {
    const certifier = await this.token('certifier');
    const expected = this.eligible(runId, course, approved);
    let worklist: { traineeId: string }[] = [];
    const expectedIds = expected.map((trainee) => trainee.traineeId).sort().join('\n');
    // The same trainees, not merely as many: a correction still on its way may swap one for another.
    await this.waitUntil(`certifier's worklist of ${runId}`, async () => {
      worklist = (await this.call('certification', certifier, 'GET', `/runs/${runId}/worklist`, at(issuedOn))) as { traineeId: string }[];
      return worklist.map((entry) => entry.traineeId).sort().join('\n') === expectedIds;
    });
    if (worklist.length === 0) return;
    const issued = (await this.call(
      'certification',
      certifier,
      'POST',
      `/runs/${runId}/certificates`,
      at(issuedOn),
      { holders: worklist.map(({ traineeId }) => ({ traineeId, holderName: (approved.find((trainee) => trainee.traineeId === traineeId) as Trainee).fullName })) },
      { idempotencyKey: `${runId}-certificates` },
    )) as { items: { traineeId: string; result: string; certificateId: string; certificateNumber: string }[] };
    for (const item of issued.items) {
      if (item.result !== 'accepted') throw new Error(`certificate for ${item.traineeId} on ${runId} refused: ${JSON.stringify(item)}`);
      const trainee = approved.find((candidate) => candidate.traineeId === item.traineeId) as Trainee;
      // About one certificate in twenty-three is found wrong and revoked three weeks later.
      const revoked = this.facts.certificates.length % 23 === 7 ? addDays(issuedOn, 20) : null;
      this.facts.certificates.push({
        certificateId: item.certificateId,
        certificateNumber: item.certificateNumber,
        traineeId: trainee.traineeId,
        agencyId: trainee.agencyId,
        targetGroup: trainee.targetGroup,
        rank: trainee.rank,
        runId,
        level: course.level,
        trainingGroup: course.trainingGroup,
        format: course.format,
        issuedOn,
        revokedOn: revoked,
        replacesCertificateId: null,
      });
      if (revoked) {
        await this.call('certification', certifier, 'POST', `/certificates/${item.certificateId}/revoke`, at(revoked), { reason: 'Hồ sơ tham dự không chính xác', category: 'attendance-misreported' });
      }
    }
  }

  /** Who completed the run by the simulation's own reckoning: present or late in 80% of sessions, the assessment passed where required. */
  private eligible(runId: string, course: Course, approved: readonly Trainee[]): Trainee[] {
    const run = this.facts.runs.find((candidate) => candidate.runId === runId);
    if (!run) return [];
    const finalStatus = new Map<string, AttendanceStatus>();
    for (const mark of this.facts.attendance.filter((candidate) => candidate.runId === runId)) finalStatus.set(`${mark.sessionId}/${mark.traineeId}`, mark.status);
    return approved.filter((trainee) => {
      const attended = run.sessionsHeld.filter((sessionId) => ['present', 'late'].includes(finalStatus.get(`${sessionId}/${trainee.traineeId}`) ?? '')).length;
      const passed = !course.assessmentRequired || this.assessmentPassed.get(`${runId}/${trainee.traineeId}`) === true;
      return attended * 10_000 >= run.sessionsHeld.length * 8_000 && passed;
    });
  }

  private readonly assessmentPassed = new Map<string, boolean>();

  private async postLateRosterCorrection(agencies: readonly Agency[]): Promise<SimulationResult['lateCorrection']> {
    const agency = agencies[0] as Agency;
    const correction = { agencyId: agency.code, asOf: '2028-06-30', regular: 3 + this.trainees.filter((trainee) => trainee.agencyId === agency.code).length * 2, nonRegular: 4 };
    await this.postRoster(correction.agencyId, correction.asOf, correction.regular, correction.nonRegular, '2029-02-10');
    return correction;
  }

  /**
   * A provider finds, after the mid-term was issued, a mark of a session before its as-of date wrong.
   * It picks a learner whose attendance of the run hangs on that one mark, so that the learner-times
   * attended move by exactly one: the only session attended marked absent, else an all-absent learner
   * marked present.
   */
  private async postLateAttendanceCorrection(asOf: string, postedOn: string): Promise<LateAttendanceCorrection> {
    const status = new Map<string, PostedFacts['attendance'][number]>();
    for (const mark of this.facts.attendance) status.set(JSON.stringify([mark.runId, mark.traineeId, mark.sessionId]), mark);
    const byLearner = new Map<string, PostedFacts['attendance'][number][]>();
    for (const mark of status.values()) {
      const run = this.facts.runs.find((candidate) => candidate.runId === mark.runId);
      if (!run || run.completedOn === null || run.completedOn > asOf) continue;
      const key = JSON.stringify([mark.runId, mark.traineeId]);
      byLearner.set(key, [...(byLearner.get(key) ?? []), mark]);
    }
    const attends = (mark: { status: AttendanceStatus }) => mark.status === 'present' || mark.status === 'late';
    const learners = [...byLearner.values()];
    const oneAttended = learners.find((marks) => marks.length > 1 && marks.filter(attends).length === 1);
    const noneAttended = learners.find((marks) => marks.every((mark) => !attends(mark)));
    const mark = oneAttended ? oneAttended.find(attends)! : noneAttended?.[0];
    if (!mark) throw new Error('no learner whose attendance hangs on one mark before the mid-term');
    const newStatus: AttendanceStatus = oneAttended ? 'absent' : 'present';
    const institution = await this.token('institution-integration', { institutionId: PROVIDER });
    await this.call('courseDelivery', institution, 'POST', `/runs/${mark.runId}/attendance/corrections`, at(postedOn), {
      sessionId: mark.sessionId,
      traineeId: mark.traineeId,
      newStatus,
      reason: 'Đối chiếu lại sổ ký danh sau sơ kết',
    });
    this.facts.attendance.push({ ...mark, kind: 'corrected', status: newStatus, postedOn });
    return { runId: mark.runId, sessionId: mark.sessionId, traineeId: mark.traineeId, sessionDate: mark.sessionDate, learnerTimesAttended: oneAttended ? -1 : 1 };
  }

  private async postWithheldMark(postedOn: string): Promise<SimulationResult['lateMark']> {
    if (!this.withheldMark) throw new Error('no mark was withheld in 2029');
    const { runId, sessionDate, mark } = this.withheldMark;
    const institution = await this.token('institution-integration', { institutionId: PROVIDER });
    const result = (await this.call('courseDelivery', institution, 'POST', `/runs/${runId}/attendance`, at(postedOn), { marks: [mark] }, {
      idempotencyKey: `${runId}-attendance-late`,
    })) as { accepted: number };
    if (result.accepted !== 1) throw new Error(`the late mark on ${runId}: ${JSON.stringify(result)}`);
    this.facts.attendance.push({ kind: 'recorded', runId, sessionId: mark.sessionId, traineeId: mark.traineeId, status: mark.status, postedOn, sessionDate });
    return { runId, sessionId: mark.sessionId, traineeId: mark.traineeId, sessionDate };
  }

  /**
   * A reissue (cấp lại) is dated the day it is issued: after the as-of date, the mid-term does not count it.
   * One revoked by the as-of date is reissued; in a programme too small to have one, one issued by then is revoked first, the same day.
   */
  private async reissueRevokedCertificate(asOf: string, on: string): Promise<SimulationResult['lateReissue']> {
    const certifier = await this.token('certifier');
    let revoked = this.facts.certificates.find((certificate) => certificate.revokedOn !== null && certificate.revokedOn <= asOf);
    if (!revoked) {
      const index = this.facts.certificates.findIndex((certificate) => certificate.revokedOn === null && certificate.issuedOn <= asOf);
      const issued = this.facts.certificates[index];
      if (!issued) throw new Error(`no certificate issued by ${asOf}`);
      await this.call('certification', certifier, 'POST', `/certificates/${issued.certificateId}/revoke`, at(on), { reason: 'Sai thông tin người được cấp', category: 'identity-error' });
      revoked = { ...issued, revokedOn: on };
      this.facts.certificates[index] = revoked;
    }
    const reissued = (await this.call('certification', certifier, 'POST', `/certificates/${revoked.certificateId}/reissue`, at(on), {})) as {
      result: string;
      certificateId: string;
      certificateNumber: string;
    };
    if (reissued.result !== 'accepted') throw new Error(`reissue of ${revoked.certificateId} refused: ${JSON.stringify(reissued)}`);
    this.facts.certificates.push({
      ...revoked,
      certificateId: reissued.certificateId,
      certificateNumber: reissued.certificateNumber,
      issuedOn: on,
      revokedOn: null,
      replacesCertificateId: revoked.certificateId,
    });
    return { replacedCertificateId: revoked.certificateId, certificateId: reissued.certificateId, on };
  }

  /** A rename is about the day it is recorded: after the as-of date, the mid-term keeps the old name. */
  private async renameAgencyWithLearners(asOf: string, on: string): Promise<SimulationResult['lateRename']> {
    const certified = this.facts.certificates.find((certificate) => certificate.issuedOn <= asOf);
    const agency = this.facts.agencies.find((candidate) => candidate.agencyId === certified?.agencyId);
    if (!agency) throw new Error(`no agency with a certificate by ${asOf}`);
    const nameAfter = `${agency.nameVi} (sau sắp xếp tổ chức bộ máy)`;
    const admin = await this.token('programme-admin');
    await this.call('enrolment', admin, 'PUT', `/agencies/${agency.agencyId}/name`, at(on), { nameVi: nameAfter, nameEn: `${agency.agencyId} (reorganised)` });
    agency.renames.push({ nameVi: nameAfter, on });
    return { agencyId: agency.agencyId, nameBefore: agency.nameVi, nameAfter, on };
  }

  private async issueEvaluation(kind: 'mid-term' | 'annual' | 'final', asOf: string, issuedAt: string): Promise<EvaluationIssued> {
    const { issued, seconds } = await this.issueEvaluationJob(kind, asOf, issuedAt);
    this.log(`issued the ${kind} evaluation as of ${asOf} in ${seconds.toFixed(1)} s once the consumers were quiet: ${issued.reportSha256}`);
    return { evaluationId: issued.evaluationId, asOf, reportSha256: issued.reportSha256, factsAtIssue: this.snapshot() };
  }

  /** As an evaluator would: a job whose process was killed before it issued anything is asked for again. */
  private async issueEvaluationJob(
    kind: 'mid-term' | 'annual' | 'final',
    asOf: string,
    issuedAt: string,
  ): Promise<{ issued: { evaluationId: string; reportSha256: string }; seconds: number }> {
    for (let attempt = 1; ; attempt += 1) {
      await this.system.waitForQuiet();
      const asked = performance.now();
      const evaluator = await this.token('evaluator');
      const job = (await this.call('reporting', evaluator, 'POST', '/evaluations', issuedAt, { kind, asOf })) as EvaluationJobAnswer;
      try {
        const issued = await followEvaluationJob<{ evaluationId: string; reportSha256: string }>(this.system.urls.reporting, evaluator, job);
        return { issued, seconds: (performance.now() - asked) / 1000 };
      } catch (error) {
        if (!(error instanceof EvaluationJobFailed) || error.status !== 503 || attempt >= 3) throw error;
        this.log(`the ${kind} evaluation job failed (${error.message}); asking again`);
      }
    }
  }

  private snapshot(): PostedFacts {
    return structuredClone(this.facts);
  }

  private async token(role: Role, claims: { agencyId?: string; institutionId?: string } = {}): Promise<string> {
    const key = `${role}/${claims.agencyId ?? ''}/${claims.institutionId ?? ''}`;
    const known = this.tokens.get(key);
    if (known) return known;
    const minted = await this.system.mint(role, claims);
    this.tokens.set(key, minted);
    return minted;
  }

  /**
   * Asks again after a growing pause, as an integrating system would, rather than hammering the service.
   * The pause stops growing at half a second: what is waited for is a fact on its way over Kafka, which
   * arrives within a second or so unless the consumers trail far behind, and a longer pause is time lost
   * after it arrived. Each ask is one cheap read.
   */
  private async waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
    for (let pauseMs = 50, deadline = Date.now() + timeoutMs; Date.now() < deadline; pauseMs = Math.min(pauseMs * 1.5, 500)) {
      if (await condition()) return;
      await new Promise((wait) => setTimeout(wait, pauseMs));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  private async parallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(width, items.length) }, async () => {
        while (next < items.length) {
          const item = items[next] as T;
          next += 1;
          await work(item);
        }
      }),
    );
  }

  /**
   * One request at a simulated instant. A request that never reached its service (the process is
   * restarting) is sent again; so is one refused because a fact has not yet travelled over Kafka.
   */
  async call(
    service: keyof SystemUnderTest['urls'],
    token: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    now: string,
    body?: unknown,
    options: { idempotencyKey?: string; retryWhileUnknown?: boolean } = {},
  ): Promise<unknown> {
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      this.requests += 1;
      const sent = fetch(`${this.system.urls[service]}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-simulated-now': now,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      let settled = false;
      const answered = sent.then(
        () => (settled = true),
        () => (settled = true),
      );
      const fault = this.system.whileInFlight?.({ service, method, path, idempotencyKey: options.idempotencyKey, settled: () => settled, answered });
      try {
        response = await sent;
      } catch (error) {
        if (attempt >= 600) throw error;
        await new Promise((wait) => setTimeout(wait, 200));
        continue;
      } finally {
        await fault;
      }
      const text = await response.text();
      const parsed = text === '' ? null : (JSON.parse(text) as unknown);
      if (response.ok) return parsed;
      const unknownYet = response.status === 404 && options.retryWhileUnknown;
      // The service asks for these to be sent again: a request still being processed, or a concurrent change to the same record.
      const busy = response.status === 503 || (response.status === 409 && /still being processed|concurrency-conflict/.test(text));
      if ((unknownYet || busy) && attempt < 600) {
        await new Promise((wait) => setTimeout(wait, 200));
        continue;
      }
      throw new Error(`${method} ${service}${path} at ${now}: ${response.status} ${text.slice(0, 500)}`);
    }
  }
}
