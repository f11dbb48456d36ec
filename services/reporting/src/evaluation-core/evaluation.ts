import { canonicalJson, sha256Hex } from './canonical-json';
import { effectiveDate, type EvaluationEvent, positionEvents } from './evaluation-events';
import { EvaluationFold } from './evaluation-fold';
import type { EvaluationInput, EvaluationReport, ReportCodeVersion } from './evaluation-report';
import { collectProgrammeFacts, validDate } from './programme-facts';

export { bandStatus } from './evaluation-figures';
export { EvaluationFold, type EvaluationSettings } from './evaluation-fold';
export * from './evaluation-report';

/**
 * Computes an evaluation from the events read and the policies in force. The result depends only
 * on the set of events, never on how partitions and topics were interleaved: events are first put
 * in (topic, partition, offset) order, and every rule that relates events (a revocation and its
 * certificate, a reissue and the certificate it replaces, the latest roster) is decided by the facts'
 * own dates and identifiers, not by which arrived first. A reader that streams the archive partition
 * by partition folds the same events into an {@link EvaluationFold} itself, to the same bytes.
 */
export function computeEvaluation(input: EvaluationInput): EvaluationReport {
  const { events, ...settings } = input;
  const fold = new EvaluationFold(settings);
  for (const event of positionEvents(events)) fold.add(event);
  return fold.result();
}

export function renderReport(report: EvaluationReport): { readonly canonicalJson: string; readonly sha256: string } {
  const text = canonicalJson(report);
  return { canonicalJson: text, sha256: sha256Hex(text) };
}

/** The date each event is about, as `version` dates it: what a restatement's late facts are judged by. */
export function datingFor(version: ReportCodeVersion, events: readonly EvaluationEvent[]): (event: EvaluationEvent) => string {
  if (version === 'evaluation/1.0.0') return effectiveDate;
  const { sessionDate } = collectProgrammeFacts(positionEvents(events), '9999-12-31');
  return (event) => validDate(event, sessionDate);
}
