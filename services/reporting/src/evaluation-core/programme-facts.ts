import {
  checkEventData,
  courseDeliveryContract,
  type CourseDeliveryIntegrationEvent,
  enrolmentContract,
  type EnrolmentIntegrationEvent,
  type Rank,
  type TargetGroup,
} from '@training-ledger/contracts';
import { assertNever } from '@training-ledger/decider';
import { Choice } from './choice';
import { effectiveDate, type PositionedEvent } from './evaluation-events';

/*
 * What evaluation/2.0.0 reads beyond 1.0.0: who each learner was on the run (the approved
 * nomination), which ranks a run admitted and when its sessions were held (its timetable), and the
 * feedback agencies and trainees gave.
 */

const programmeTypes = {
  [enrolmentContract.topic]: ['NominationApproved.v1', 'TraineeRegistered.v1'],
  [courseDeliveryContract.topic]: ['CourseRunScheduled.v1', 'SessionAdded.v1', 'FeedbackSubmitted.v1'],
} as const;

type ProgrammeType = (typeof programmeTypes)[keyof typeof programmeTypes][number];
type ProgrammeEvent = Extract<EnrolmentIntegrationEvent | CourseDeliveryIntegrationEvent, { readonly type: ProgrammeType }>;

export function isProgrammeType(topic: string, type: string): boolean {
  const types: readonly string[] | undefined = Object.hasOwn(programmeTypes, topic)
    ? programmeTypes[topic as keyof typeof programmeTypes]
    : undefined;
  return types?.includes(type) ?? false;
}

/** Who a learner was when counted: agency, target group, rank and leadership. */
export interface Attribution {
  readonly agencyId: string;
  readonly targetGroup: TargetGroup;
  readonly rank: Rank;
  readonly leadership: boolean;
}

export interface Feedback {
  readonly feedbackId: string;
  readonly runId: string;
  readonly from: 'trainee' | 'agency';
  readonly agencyId: string;
  readonly ratings: { readonly content: number; readonly lecturers: number; readonly organisation: number };
}

export interface ProgrammeFacts {
  /** The date each session was timetabled for, by run and session. */
  readonly sessionDate: (runId: string, sessionId: string) => string | undefined;
  readonly eligibleRanks: (runId: string) => readonly Rank[] | null;
  /** The learner as the approved nomination to the run said, else as registered; null when neither was read. */
  readonly attribution: (runId: string, traineeId: string) => Attribution | null;
  /** Feedback about a date on or before the as-of date, once per feedback id. */
  readonly feedback: readonly Feedback[];
  /** Positions of events of these types whose data breaks their contract. */
  readonly rejected: readonly PositionedEvent[];
}

const key = (...parts: readonly string[]): string => JSON.stringify(parts);

export function collectProgrammeFacts(events: readonly PositionedEvent[], asOf: string): ProgrammeFacts {
  const fold = new ProgrammeFactsFold(asOf);
  for (const event of events) fold.add(event);
  return fold.facts();
}

/** The programme facts, folded one event at a time in (topic, partition, offset) order. */
export class ProgrammeFactsFold {
  /** By run, then session: looked up for every mark, so without building a key. */
  private readonly sessionDates = new Map<string, Map<string, string>>();
  private readonly scheduled = new Choice<readonly Rank[]>('first');
  private readonly approvedByAsOf = new Choice<Attribution>('last');
  private readonly approvedLater = new Choice<Attribution>('first');
  private readonly registered = new Choice<Attribution>('last');
  private readonly feedback = new Choice<Feedback>('first');
  private readonly rejected: PositionedEvent[] = [];

  constructor(private readonly asOf: string) {}

  /** Folds the event if it is of a type read here; other events are left alone. */
  add(event: PositionedEvent): void {
    if (!isProgrammeType(event.topic, event.type)) return;
    const checked = checkEventData(event.topic, event.type, event.data);
    if (!checked.ok) {
      this.rejected.push(event);
      return;
    }
    const read = { type: event.type, data: checked.data } as ProgrammeEvent;
    const order = [event.occurredOn, event.eventId];
    switch (read.type) {
      case 'NominationApproved.v1': {
        const { runId, traineeId, agencyId, targetGroup, rank, leadership } = read.data;
        const attribution = { agencyId, targetGroup, rank, leadership };
        if (event.occurredOn <= this.asOf) this.approvedByAsOf.offer(key(runId, traineeId), attribution, order);
        else this.approvedLater.offer(key(runId, traineeId), attribution, order);
        break;
      }
      case 'TraineeRegistered.v1': {
        const { traineeId, agencyId, targetGroup, rank, leadership } = read.data;
        this.registered.offer(traineeId, { agencyId, targetGroup, rank, leadership }, order);
        break;
      }
      case 'CourseRunScheduled.v1':
        this.scheduled.offer(read.data.runId, read.data.eligibleRanks, order);
        for (const session of read.data.sessions) this.timetable(read.data.runId, session.sessionId, session.date);
        break;
      case 'SessionAdded.v1':
        this.timetable(read.data.runId, read.data.session.sessionId, read.data.session.date);
        break;
      case 'FeedbackSubmitted.v1':
        if (event.occurredOn <= this.asOf) {
          const { feedbackId, runId, from, agencyId, ratings } = read.data;
          this.feedback.offer(feedbackId, { feedbackId, runId, from, agencyId, ratings }, order);
        }
        break;
      default:
        assertNever(read, 'event read for the programme figures');
    }
  }

  private timetable(runId: string, sessionId: string, date: string): void {
    let sessions = this.sessionDates.get(runId);
    if (sessions === undefined) this.sessionDates.set(runId, (sessions = new Map()));
    sessions.set(sessionId, date);
  }

  facts(): ProgrammeFacts {
    const { sessionDates, scheduled, approvedByAsOf, approvedLater, registered } = this;
    return {
      sessionDate: (runId, sessionId) => sessionDates.get(runId)?.get(sessionId),
      eligibleRanks: (runId) => scheduled.get(runId) ?? null,
      attribution: (runId, traineeId) =>
        approvedByAsOf.get(key(runId, traineeId)) ?? approvedLater.get(key(runId, traineeId)) ?? registered.get(traineeId) ?? null,
      feedback: [...this.feedback.chosen().values()],
      rejected: this.rejected,
    };
  }
}

/**
 * The date a fact is about under evaluation/2.0.0. A mark and a correction are about their session:
 * the session date they carry, else the run's timetable, else (an event from before either was kept)
 * the day it was recorded. Everything else as 1.0.0 dates it.
 */
export function validDate(
  event: { readonly type: string; readonly data: unknown; readonly occurredOn: string },
  sessionDate: (runId: string, sessionId: string) => string | undefined,
): string {
  if (event.type !== 'AttendanceRecorded.v1' && event.type !== 'AttendanceCorrected.v1') return effectiveDate(event);
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  if (typeof data.sessionDate === 'string') return data.sessionDate;
  if (typeof data.runId === 'string' && typeof data.sessionId === 'string') {
    return sessionDate(data.runId, data.sessionId) ?? event.occurredOn;
  }
  return event.occurredOn;
}
