import { diffReports, explainDifference, type FigureDifference } from './diff';
import { datingFor, type EvaluationReport, isReportCodeVersion } from './evaluation';
import type { EvaluationEvent } from './evaluation-events';

export interface EventReference {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string;
  readonly type: string;
}

export interface RestatedFigure extends FigureDifference {
  /** Events recorded after the evaluation was issued that bear on the figure. */
  readonly causedBy: readonly EventReference[];
}

/**
 * Every figure of the issued report that the same as-of date, recounted over everything recorded
 * since, changes, each with the late events that bear on it, judged by the dates the issued report's
 * code version gives facts. What was read (`inputs`) is not a figure.
 */
export function restatedFigures(
  issued: EvaluationReport,
  restated: EvaluationReport,
  atIssue: readonly EvaluationEvent[],
  now: readonly EvaluationEvent[],
): readonly RestatedFigure[] {
  if (!isReportCodeVersion(issued.reportCodeVersion)) throw new RangeError(`${issued.reportCodeVersion} is not a report code version`);
  const dateOf = datingFor(issued.reportCodeVersion, now);
  return diffReports(issued, restated)
    .filter((difference) => !difference.path.startsWith('inputs.'))
    .map((difference) => ({
      ...difference,
      causedBy: explainDifference(difference.path, atIssue, now, { asOf: issued.asOf, dateOf }).onlyInB.map(eventReference),
    }));
}

const eventReference = (event: EvaluationEvent): EventReference => ({
  topic: event.topic,
  partition: event.partition,
  offset: String(event.offset),
  eventId: event.eventId,
  type: event.type,
});
