import type { AgencyKind, CourseFormat, CourseLevel, Rank, TrainingGroup } from '@training-ledger/contracts';
import { assertNever } from '@training-ledger/decider';
import { AttendanceMarks, type AttendedRun } from './attendance-marks';
import { Choice } from './choice';
import { Interned } from './compact-sets';
import { effectiveDate, type ReadEvent } from './evaluation-events';

export interface Registration {
  readonly code: string;
  readonly kind: AgencyKind;
  readonly nameVi: string;
  readonly nameEn: string;
}

export interface Certificate {
  readonly certificateId: string;
  readonly traineeId: string;
  readonly agencyId: string;
  readonly targetGroup: 'regular' | 'non-regular';
  readonly rank: Rank;
  readonly runId: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly issuedOn: string;
  readonly leadership: boolean;
}

export interface CompletedRun {
  readonly runId: string;
  readonly level: CourseLevel;
  readonly trainingGroup: TrainingGroup;
  readonly format: CourseFormat;
  readonly hasForeignLecturer: boolean;
  readonly hostAgencyId: string | null;
  readonly sessionsHeld: ReadonlySet<string>;
  readonly completedOn: string;
}

export interface RosterInForce {
  readonly declarationId: string;
  readonly asOf: string;
  readonly regular: number;
  readonly nonRegular: number;
}

export interface Facts {
  readonly registrations: ReadonlyMap<string, Registration>;
  readonly listedAgencies: ReadonlySet<string>;
  readonly names: ReadonlyMap<string, { readonly nameVi: string; readonly nameEn: string }>;
  readonly rosters: ReadonlyMap<string, RosterInForce>;
  readonly certificates: ReadonlyMap<string, Certificate>;
  readonly superseded: ReadonlySet<string>;
  readonly revoked: ReadonlySet<string>;
  readonly runs: ReadonlyMap<string, CompletedRun>;
  /** Distinct (run, person) with a final mark of present or late in a session the completed run held. */
  readonly attended: readonly AttendedRun<CompletedRun>[];
}

/** Where an event sits in the fold and when it occurred. */
export interface FoldedPlace {
  /** 1-based place in (topic, partition, offset) order, among first deliveries. */
  readonly place: number;
  readonly eventId: string;
  readonly occurredOn: string;
}

/**
 * The facts in force on `asOf`, folded one event at a time in (topic, partition, offset) order.
 * Whatever depends on the whole log (the timetable that dates a mark) is settled in `facts()`.
 */
export class FactsFold {
  private readonly registrations = new Choice<Registration>('first');
  private readonly listedAgencies = new Set<string>();
  private readonly renames = new Map<string, { nameVi: string; nameEn: string; occurredOn: string }>();
  private readonly rosters = new Choice<RosterInForce>('last');
  private readonly certificates = new Choice<Certificate>('first');
  private readonly superseded = new Set<string>();
  private readonly revoked = new Set<string>();
  private readonly runs = new Choice<CompletedRun>('first');
  private readonly marks: AttendanceMarks;
  /** Certificates are many and kept to the end: their repeated ids and names share one copy. */
  private readonly shared = new Interned();

  constructor(
    private readonly asOf: string,
    datesMarksByTimetable: boolean,
  ) {
    this.marks = new AttendanceMarks(asOf, datesMarksByTimetable);
  }

  add(read: ReadEvent, { place, eventId, occurredOn }: FoldedPlace): void {
    const takesEffect = effectiveDate({ type: read.type, data: read.data, occurredOn }) <= this.asOf;
    switch (read.type) {
      case 'AgencyRegistered.v1': {
        const { agencyId, code, kind, nameVi, nameEn } = read.data;
        this.registrations.offer(agencyId, { code, kind, nameVi, nameEn }, [occurredOn, eventId]);
        if (takesEffect) this.listedAgencies.add(agencyId);
        break;
      }
      case 'AgencyRenamed.v1': {
        const current = this.renames.get(read.data.agencyId);
        // On the same day the rename later in the log wins, whichever partition it sits in.
        if (takesEffect && (!current || current.occurredOn <= occurredOn)) {
          this.renames.set(read.data.agencyId, { nameVi: read.data.nameVi, nameEn: read.data.nameEn, occurredOn });
        }
        break;
      }
      case 'StaffRosterDeclared.v1': {
        const { agencyId, declarationId, regular, nonRegular } = read.data;
        if (takesEffect) {
          this.rosters.offer(agencyId, { declarationId, asOf: read.data.asOf, regular, nonRegular }, [read.data.asOf, occurredOn, eventId]);
        }
        break;
      }
      case 'CertificateIssued.v1':
      case 'CertificateReissued.v1': {
        if (!takesEffect) break;
        const { certificateId, traineeId, agencyId, targetGroup, rank, runId, level, trainingGroup, format, issuedOn, leadership } = read.data;
        const shared = (text: string) => this.shared.canonical(text);
        this.certificates.offer(
          certificateId,
          {
            certificateId,
            traineeId: shared(traineeId),
            agencyId: shared(agencyId),
            targetGroup,
            rank,
            runId: shared(runId),
            level,
            trainingGroup,
            format,
            issuedOn: shared(issuedOn),
            leadership,
          },
          [shared(issuedOn), eventId],
        );
        if (read.type === 'CertificateReissued.v1') this.superseded.add(read.data.replacesCertificateId);
        break;
      }
      case 'CertificateRevoked.v1':
        if (takesEffect) this.revoked.add(read.data.certificateId);
        break;
      case 'CourseRunCompleted.v1': {
        if (!takesEffect) break;
        const { runId, level, trainingGroup, format, hasForeignLecturer, hostAgencyId, sessionsHeld, completedOn } = read.data;
        this.runs.offer(
          runId,
          { runId, level, trainingGroup, format, hasForeignLecturer, hostAgencyId, sessionsHeld: new Set(sessionsHeld), completedOn },
          [completedOn, eventId],
        );
        break;
      }
      case 'AttendanceRecorded.v1':
      case 'AttendanceCorrected.v1': {
        const { runId, sessionId, traineeId, sessionDate } = read.data;
        const status = read.type === 'AttendanceRecorded.v1' ? read.data.status : read.data.newStatus;
        // The last mark in log order stands: within a partition, offset order.
        this.marks.record(place, runId, sessionId, traineeId, status, { sessionDate, recordedOn: occurredOn });
        break;
      }
      default:
        assertNever(read, 'event read by evaluations');
    }
  }

  /** The facts once every event has been folded; `timetabled` dates sessions as the whole log does. */
  facts(timetabled: (runId: string, sessionId: string) => string | undefined): Facts {
    const names = new Map<string, { readonly nameVi: string; readonly nameEn: string }>();
    const registrations = this.registrations.chosen();
    for (const [agencyId, registration] of registrations) names.set(agencyId, registration);
    for (const [agencyId, rename] of this.renames) names.set(agencyId, rename);
    const runs = this.runs.chosen();
    return {
      registrations,
      listedAgencies: this.listedAgencies,
      names,
      rosters: this.rosters.chosen(),
      certificates: this.certificates.chosen(),
      superseded: this.superseded,
      revoked: this.revoked,
      runs,
      attended: this.marks.attended(
        (runId) => runs.get(runId),
        (run, sessionId) => run.sessionsHeld.has(sessionId),
        timetabled,
      ),
    };
  }
}
