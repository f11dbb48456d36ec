import { renderReport, type EvaluationReport } from '../evaluation-core';

/** What the issuance recorded about a report, printed beside its figures so that a copy can be checked. */
export interface EvaluationExportMeta {
  readonly evaluationId: string;
  readonly kind: string;
  readonly asOf: string;
  readonly coverageRuleVersion: number;
  readonly phaseTargetsVersion: number;
  readonly reportCodeVersion: string;
  readonly reportSha256: string;
  readonly inputDigestSha256: string;
  /** ISO 8601 date-time with offset. */
  readonly issuedAt: string;
  readonly issuedBy: string;
}

/**
 * Refuses to print a seal that does not belong to the figures: the SHA-256 on the page must be the
 * hash of this very report, and the versions beside it the ones it was computed with.
 */
export function assertMetaDescribesReport(report: EvaluationReport, meta: EvaluationExportMeta): void {
  const mismatches = [
    ['kind', meta.kind, report.kind],
    ['asOf', meta.asOf, report.asOf],
    ['coverageRuleVersion', meta.coverageRuleVersion, report.coverageRule.version],
    ['phaseTargetsVersion', meta.phaseTargetsVersion, report.phaseTargets.version],
    ['reportCodeVersion', meta.reportCodeVersion, report.reportCodeVersion],
    ['reportSha256', meta.reportSha256, renderReport(report).sha256],
  ].filter(([, claimed, actual]) => claimed !== actual);
  if (mismatches.length > 0) {
    const details = mismatches.map(([field, claimed, actual]) => `${field} is ${String(claimed)} but the report's is ${String(actual)}`);
    throw new Error(`The export metadata does not describe this report: ${details.join('; ')}`);
  }
  issuedAtDate(meta);
}

export function issuedAtDate(meta: Pick<EvaluationExportMeta, 'issuedAt'>): Date {
  const date = new Date(meta.issuedAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(meta.issuedAt) || Number.isNaN(date.getTime())) {
    throw new Error(`issuedAt ${meta.issuedAt} is not an ISO 8601 date-time`);
  }
  return date;
}
