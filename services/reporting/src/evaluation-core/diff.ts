import { agencyKinds, type AgencyKind } from '@training-ledger/contracts';
import { canonicalJson, compareCodeUnits } from './canonical-json';
import type { EvaluationReport } from './evaluation';
import { effectiveDate, type EvaluationEvent } from './evaluation-events';
import { comparePositions, parseOffset } from './offsets';
import { programmeBearsOn } from './programme-diff';

export interface FigureDifference {
  /** JSON path of the figure, e.g. `agencies[BNG].trained.regular`. */
  readonly path: string;
  readonly change: 'changed' | 'added' | 'removed';
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Every figure that differs between two reports, in the order the figures appear in canonical JSON:
 * object keys in UTF-16 order, listed elements by their identity (agency id; topic, partition, offset).
 * A figure present on one side only is `added` or `removed`.
 */
export function diffReports(a: EvaluationReport, b: EvaluationReport): readonly FigureDifference[] {
  const differences: FigureDifference[] = [];
  walk(a, b, '', differences);
  return differences;
}

function walk(a: unknown, b: unknown, path: string, differences: FigureDifference[]): void {
  if (a === undefined && b === undefined) return;
  if (isComposite(a) || isComposite(b)) {
    const bothObjects = (a === undefined || isPlainObject(a)) && (b === undefined || isPlainObject(b));
    const bothArrays = (a === undefined || Array.isArray(a)) && (b === undefined || Array.isArray(b));
    if (bothObjects) return walkObjects(a as ObjectLike | undefined, b as ObjectLike | undefined, path, differences);
    if (bothArrays) return walkArrays((a ?? []) as readonly unknown[], (b ?? []) as readonly unknown[], path, differences);
  }
  if (a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b)) return;
  const change = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
  differences.push({ path: path || '$', change, before: a, after: b });
}

type ObjectLike = Readonly<Record<string, unknown>>;

function walkObjects(a: ObjectLike | undefined, b: ObjectLike | undefined, path: string, differences: FigureDifference[]): void {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const key of [...keys].sort(compareCodeUnits)) walk(a?.[key], b?.[key], appendKey(path, key), differences);
}

function walkArrays(a: readonly unknown[], b: readonly unknown[], path: string, differences: FigureDifference[]): void {
  const identified = identify(a, b);
  if (!identified) {
    for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
      walk(a[index], b[index], `${path}[${index}]`, differences);
    }
    return;
  }
  for (const identity of identified.order) {
    walk(identified.inA.get(identity.label), identified.inB.get(identity.label), `${path}[${identity.label}]`, differences);
  }
}

interface Identity {
  readonly label: string;
  readonly sortKey: readonly (string | bigint)[];
}

/** Elements that name themselves (agencies, partitions, events) are matched by name, not by index. */
function identify(a: readonly unknown[], b: readonly unknown[]) {
  const inA = new Map<string, unknown>();
  const inB = new Map<string, unknown>();
  const identities = new Map<string, Identity>();
  for (const [elements, byLabel] of [
    [a, inA],
    [b, inB],
  ] as const) {
    for (const element of elements) {
      const identity = identityOf(element);
      if (!identity || byLabel.has(identity.label)) return null;
      byLabel.set(identity.label, element);
      identities.set(identity.label, identity);
    }
  }
  const order = [...identities.values()].sort((x, y) => compareSortKeys(x.sortKey, y.sortKey));
  return { inA, inB, order };
}

function identityOf(element: unknown): Identity | null {
  if (!isPlainObject(element)) return null;
  const { agencyId, topic, partition, offset } = element;
  if (typeof agencyId === 'string') return { label: formatLabel(agencyId), sortKey: [agencyId] };
  if (typeof topic !== 'string' || typeof partition !== 'number') return null;
  if (typeof offset === 'string' && /^\d+$/.test(offset)) {
    return { label: formatLabel(`${topic}/${partition}/${offset}`), sortKey: [topic, BigInt(partition), BigInt(offset)] };
  }
  return { label: formatLabel(`${topic}/${partition}`), sortKey: [topic, BigInt(partition)] };
}

function compareSortKeys(a: readonly (string | bigint)[], b: readonly (string | bigint)[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const [x, y] = [a[index], b[index]];
    const order =
      typeof x === 'string' && typeof y === 'string' ? compareCodeUnits(x, y) : x === y ? 0 : x < y ? -1 : 1;
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

const plainLabel = /^[A-Za-z0-9_./:-]+$/;
const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function formatLabel(label: string): string {
  return plainLabel.test(label) ? label : JSON.stringify(label);
}

function appendKey(path: string, key: string): string {
  if (!plainKey.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function isComposite(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits a path written by `diffReports` back into its keys and element labels. */
export function parseFigurePath(path: string): readonly string[] {
  const segments: string[] = [];
  const pattern = /\.?([A-Za-z_][A-Za-z0-9_-]*)|\[("(?:[^"\\]|\\.)*"|[^\]]*)\]/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < path.length && (match = pattern.exec(path)) !== null) {
    const quoted = match[2];
    segments.push(match[1] ?? (quoted.startsWith('"') ? (JSON.parse(quoted) as string) : quoted));
  }
  if (pattern.lastIndex !== path.length) throw new RangeError(`"${path}" is not a figure path`);
  return segments;
}

export interface DifferenceExplanation {
  readonly path: string;
  /** Events only the first side read that bear on the figure, in (topic, partition, offset) order. */
  readonly onlyInA: readonly EvaluationEvent[];
  readonly onlyInB: readonly EvaluationEvent[];
}

/**
 * Names the events behind a figure that differs between two evaluations: those only one side read
 * (by event id) and that can move the figure at `path`, given its scope (an agency, a kind of
 * agency, a rank, level, training group or format) and what the figure counts. With `asOf`, events
 * that take effect after it are left out: they cannot move a figure as of that date. For a
 * restatement, side B is the log read later: its extra events with an effective date on or before
 * the as-of date are the late facts.
 */
export function explainDifference(
  path: string,
  eventsA: readonly EvaluationEvent[],
  eventsB: readonly EvaluationEvent[],
  options: {
    readonly asOf?: string;
    /** The date each fact is about, as the report's code version dates it; 1.0.0's by default. */
    readonly dateOf?: (event: EvaluationEvent) => string;
  } = {},
): DifferenceExplanation {
  const segments = parseFigurePath(path);
  const all = [...eventsA, ...eventsB];
  const context = contextOf(all);
  const bears = bearsOn(segments, context);
  const inScope = (event: EvaluationEvent) =>
    bears(event) &&
    (options.asOf === undefined || event.type === 'AgencyRegistered.v1' || (options.dateOf ?? effectiveDate)(event) <= options.asOf);
  const idsOf = (events: readonly EvaluationEvent[]) => new Set(events.map((event) => event.eventId));
  const [idsA, idsB] = [idsOf(eventsA), idsOf(eventsB)];
  const onlyIn = (events: readonly EvaluationEvent[], other: ReadonlySet<string>) =>
    inPositionOrder(events.filter((event) => !other.has(event.eventId) && inScope(event)));
  return { path, onlyInA: onlyIn(eventsA, idsB), onlyInB: onlyIn(eventsB, idsA) };
}

function inPositionOrder(events: readonly EvaluationEvent[]): readonly EvaluationEvent[] {
  return events
    .map((event) => ({ event, topic: event.topic, partition: event.partition, offset: parseOffset(event.offset) }))
    .sort(comparePositions)
    .map((positioned) => positioned.event);
}

type Data = Readonly<Record<string, unknown>>;

interface Context {
  readonly kindOf: (agencyId: string) => AgencyKind | 'unregistered';
  readonly certificate: (certificateId: string) => Data | undefined;
  readonly run: (runId: string) => Data | undefined;
  readonly approval: (runId: string, traineeId: string) => Data | undefined;
}

function contextOf(events: readonly EvaluationEvent[]): Context {
  const kinds = new Map<string, AgencyKind>();
  const certificates = new Map<string, Data>();
  const runs = new Map<string, Data>();
  const approvals = new Map<string, Data>();
  for (const event of events) {
    const data = dataOf(event);
    if (event.type === 'AgencyRegistered.v1' && isAgencyKind(data.kind) && typeof data.agencyId === 'string') {
      kinds.set(data.agencyId, data.kind);
    }
    if (certificateIssues.has(event.type) && typeof data.certificateId === 'string') certificates.set(data.certificateId, data);
    if (event.type === 'CourseRunCompleted.v1' && typeof data.runId === 'string') runs.set(data.runId, data);
    if (event.type === 'NominationApproved.v1') approvals.set(JSON.stringify([data.runId, data.traineeId]), data);
  }
  return {
    kindOf: (agencyId) => kinds.get(agencyId) ?? 'unregistered',
    certificate: (certificateId) => certificates.get(certificateId),
    run: (runId) => runs.get(runId),
    approval: (runId, traineeId) => approvals.get(JSON.stringify([runId, traineeId])),
  };
}

const certificateIssues: ReadonlySet<string> = new Set(['CertificateIssued.v1', 'CertificateReissued.v1']);
const certificateEvents = ['CertificateIssued.v1', 'CertificateReissued.v1', 'CertificateRevoked.v1'];
const rosterEvents = ['StaffRosterDeclared.v1'];
const runEvents = ['CourseRunCompleted.v1'];
const attendanceEvents = ['CourseRunCompleted.v1', 'AttendanceRecorded.v1', 'AttendanceCorrected.v1'];
const agencyEvents = ['AgencyRegistered.v1', 'AgencyRenamed.v1'];

/** The event types each figure counts. */
const typesByFigure: Readonly<Record<string, readonly string[]>> = {
  roster: rosterEvents,
  rosterDeclaration: rosterEvents,
  agenciesWithRoster: rosterEvents,
  trained: certificateEvents,
  share: [...rosterEvents, ...certificateEvents],
  band: [...rosterEvents, ...certificateEvents],
  peopleCertified: certificateEvents,
  learnerTimesCertified: certificateEvents,
  certificatesIssued: certificateEvents,
  certificatesInForce: certificateEvents,
  certificatesRevoked: certificateEvents,
  runsHosted: runEvents,
  runsHostedWithForeignLecturer: runEvents,
  runsCompleted: runEvents,
  runsWithForeignLecturer: runEvents,
  learnerTimesAttended: attendanceEvents,
  peopleAttended: attendanceEvents,
  code: ['AgencyRegistered.v1'],
  kind: ['AgencyRegistered.v1'],
  nameVi: agencyEvents,
  nameEn: agencyEvents,
};

const breakdownFields: Readonly<Record<string, string>> = {
  byRank: 'rank',
  byLevel: 'level',
  byTrainingGroup: 'trainingGroup',
  byFormat: 'format',
};

function bearsOn(segments: readonly string[], context: Context): (event: EvaluationEvent) => boolean {
  const [head, ...rest] = segments;
  switch (head) {
    case 'national':
      return figure(rest[0], rest[1], null, context);
    case 'courses':
      return figure(rest[0], undefined, null, context);
    case 'agencies':
      return figure(rest[1], rest[2], (agencyId) => agencyId === rest[0], context);
    case 'agencyKinds':
      return figure(rest[1], rest[2], (agencyId) => context.kindOf(agencyId) === rest[0], context);
    case 'agencyGroups':
      return figure(rest[1], rest[2], (agencyId) => groupOfKind(context.kindOf(agencyId)) === rest[0], context);
    case 'byRank':
    case 'byLevel':
    case 'byTrainingGroup':
    case 'byFormat': {
      const field = breakdownFields[head];
      const types = rest[1] === undefined ? undefined : typesByFigure[rest[1]];
      return (event) =>
        (types === undefined || types.includes(event.type)) && facetOf(event, field, context) === rest[0];
    }
    case 'inputs':
      return inputsBearing(rest);
    case 'programme':
      return programmeBearsOn(rest, {
        ...context,
        groupOf: (agencyId) => groupOfKind(context.kindOf(agencyId)),
      });
    default:
      return () => false;
  }
}

function figure(
  name: string | undefined,
  targetGroup: string | undefined,
  agencyMatches: ((agencyId: string) => boolean) | null,
  context: Context,
): (event: EvaluationEvent) => boolean {
  const types = name === undefined || name === 'agencies' ? undefined : typesByFigure[name];
  const wantedGroup = targetGroup === 'nonRegular' ? 'non-regular' : targetGroup;
  return (event) => {
    if (types !== undefined && !types.includes(event.type)) return false;
    if (wantedGroup !== undefined && certificateEvents.includes(event.type)) {
      if (facetOf(event, 'targetGroup', context) !== wantedGroup) return false;
    }
    if (agencyMatches === null) return true;
    const agencyId = agencyOf(event);
    return agencyId !== null && agencyMatches(agencyId);
  };
}

function inputsBearing(rest: readonly string[]): (event: EvaluationEvent) => boolean {
  const [list, label] = rest;
  if ((list !== 'partitions' && list !== 'rejectedEvents') || label === undefined) return () => true;
  return (event) => {
    const place = `${event.topic}/${event.partition}`;
    return list === 'partitions' ? label === place : label === `${place}/${String(event.offset)}`;
  };
}

/** The agency a fact counts for: a run's host, anyone else's own agency; attendance marks name none. */
function agencyOf(event: EvaluationEvent): string | null {
  const data = dataOf(event);
  const agencyId = event.type === 'CourseRunCompleted.v1' ? data.hostAgencyId : data.agencyId;
  return typeof agencyId === 'string' ? agencyId : null;
}

/** A certificate's or a run's rank, level, group or format; revocations and marks borrow theirs. */
function facetOf(event: EvaluationEvent, field: string, context: Context): unknown {
  const data = dataOf(event);
  if (event.type === 'CertificateRevoked.v1' && typeof data.certificateId === 'string') {
    return context.certificate(data.certificateId)?.[field];
  }
  if ((event.type === 'AttendanceRecorded.v1' || event.type === 'AttendanceCorrected.v1') && typeof data.runId === 'string') {
    return context.run(data.runId)?.[field];
  }
  return data[field];
}

function groupOfKind(kind: AgencyKind | 'unregistered'): string {
  if (kind === 'province' || kind === 'commune') return 'localities';
  return kind === 'unregistered' ? 'unregistered' : 'ministries';
}

function isAgencyKind(value: unknown): value is AgencyKind {
  return typeof value === 'string' && (agencyKinds as readonly string[]).includes(value);
}

function dataOf(event: EvaluationEvent): Data {
  return typeof event.data === 'object' && event.data !== null ? (event.data as Data) : {};
}
