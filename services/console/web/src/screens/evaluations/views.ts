/** The parts of reporting's evaluation answers the evaluation screens read (services/reporting evaluations). */

export const evaluationKinds = ['mid-term', 'final', 'annual', 'ad-hoc'] as const;
export type EvaluationKindView = (typeof evaluationKinds)[number];

/** GET /evaluations entry: the evaluation without its report body. */
export interface EvaluationSummaryView {
  readonly evaluationId: string;
  readonly kind: EvaluationKindView;
  readonly asOf: string;
  readonly coverageRuleVersion: number;
  readonly phaseTargetsVersion: number;
  readonly reportCodeVersion: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly inputDigestSha256: string;
  readonly reportSha256: string;
}

/** GET /evaluation-jobs/:jobId, and the 202 answer of issue, replay and restatement. */
export interface EvaluationJobView {
  readonly jobId: string;
  readonly kind: 'issue' | 'replay' | 'restatement';
  readonly evaluationId: string;
  readonly state: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly progress: { readonly eventsRead: number; readonly eventsTotal: number | null };
  readonly result?: unknown;
  readonly error?: { readonly status?: number; readonly title?: string; readonly detail?: string };
}

export interface FigureDifferenceView {
  readonly path: string;
  readonly change: 'changed' | 'added' | 'removed';
  readonly before: unknown;
  readonly after: unknown;
}

export type ReplayOutcomeView =
  | { readonly outcome: 'identical'; readonly reportSha256: string; readonly inputDigestSha256: string; readonly eventsRead: number }
  | { readonly outcome: 'input-diverged'; readonly divergences: readonly { readonly topic: string; readonly partition: number }[]; readonly eventsRead: number }
  | { readonly outcome: 'report-differs'; readonly recordedSha256: string; readonly replayedSha256: string; readonly firstDifference: FigureDifferenceView; readonly eventsRead: number };

export interface RestatementView {
  readonly evaluationId: string;
  readonly asOf: string;
  readonly issuedSha256: string;
  readonly restatedSha256: string;
  readonly eventsSinceIssue: number;
  readonly changes: readonly (FigureDifferenceView & { readonly causedBy: readonly { readonly eventId: string; readonly type: string }[] })[];
}

interface ByTargetGroup<T> {
  readonly regular: T;
  readonly nonRegular: T;
}

export interface Band {
  readonly min: string;
  readonly max: string;
}

export interface FiguresView {
  readonly roster: ByTargetGroup<number>;
  readonly trained: ByTargetGroup<number>;
  readonly share: ByTargetGroup<string | null>;
  readonly band: ByTargetGroup<string>;
  readonly peopleCertified: number;
  readonly learnerTimesCertified: number;
}

export interface DeliveryFiguresView {
  readonly runsCompleted: number;
  readonly runsWithForeignLecturer: number;
  readonly learnerTimesCertified: number;
  readonly learnerTimesAttended: number;
}

/** GET /evaluations/:id/report.json: the sealed report (EvaluationReport). */
export interface EvaluationReportView {
  readonly kind: EvaluationKindView;
  readonly asOf: string;
  readonly phaseTargets: {
    readonly version: number;
    readonly phase: { readonly id: string; readonly name: { readonly vi: string; readonly en: string }; readonly bands: ByTargetGroup<Band> } | null;
  };
  readonly national: FiguresView;
  readonly agencies: readonly (FiguresView & { readonly agencyId: string; readonly nameVi: string | null; readonly nameEn: string | null })[];
  readonly byRank: Readonly<Record<string, { readonly learnerTimesCertified: number; readonly peopleCertified: number }>>;
  readonly byLevel: Readonly<Record<string, DeliveryFiguresView>>;
  readonly byFormat: Readonly<Record<string, DeliveryFiguresView>>;
  /** Absent from reports issued under evaluation/1.0.0. */
  readonly programme?: ProgrammeView;
}

/** GET /policies/:policy: every version. */
export interface PolicyVersionView {
  readonly policy: 'coverage-rule' | 'phase-targets';
  readonly version: number;
  readonly content: Record<string, unknown>;
  readonly reason: string;
}

/** Learner-times and people, attended and certified (evaluation/2.0.0). */
export interface PeopleCountsView {
  readonly learnerTimesAttended: number;
  readonly learnerTimesCertified: number;
  readonly peopleAttended: number;
  readonly peopleCertified: number;
}

/** One scope of the report's `programme` section (evaluation/2.0.0): what the reviews publish. */
export interface ReachFiguresView extends PeopleCountsView {
  readonly runsCompleted: number;
  readonly seniorRunsForLeaders: number;
  readonly runsWithForeignLecturer: number;
  readonly agenciesSending: number;
  readonly classSize: { readonly average: string | null; readonly median: string | null };
  readonly byRank: Readonly<Record<string, PeopleCountsView>>;
  readonly feedback: { readonly fromAgencies: number; readonly fromTrainees: number };
}

export interface ProgrammeView {
  readonly national: ReachFiguresView;
  readonly agencyGroups: Readonly<Record<'ministries' | 'localities' | 'unregistered', ReachFiguresView>>;
}
