import type { AgencyKind, CourseFormat, CourseLevel, Rank, TrainingGroup } from '@training-ledger/contracts';
import { assertNever } from '@training-ledger/decider';
import type { EvaluationEvent } from './evaluation-events';
import type { CoverageRulePolicy, Phase, PhaseTargetsPolicy } from './policy';
import type { ProgrammeFigures } from './programme-figures';

/**
 * Changes whenever the same inputs could give different bytes; quoted in every evaluation issued.
 * Every version ever issued stays computable, so that its evaluations replay byte for byte.
 */
export const reportCodeVersions = ['evaluation/1.0.0', 'evaluation/2.0.0'] as const;
export type ReportCodeVersion = (typeof reportCodeVersions)[number];
/** The version new evaluations are issued under. */
export const reportCodeVersion: ReportCodeVersion = 'evaluation/2.0.0';

export function isReportCodeVersion(version: string): version is ReportCodeVersion {
  return (reportCodeVersions as readonly string[]).includes(version);
}

export const evaluationKinds = ['mid-term', 'final', 'annual', 'ad-hoc'] as const;
export type EvaluationKind = (typeof evaluationKinds)[number];

export interface EvaluationInput {
  /** YYYY-MM-DD: facts that take effect after this date are left out. */
  readonly asOf: string;
  readonly kind: EvaluationKind;
  readonly coverageRule: CoverageRulePolicy;
  readonly phaseTargets: PhaseTargetsPolicy;
  readonly events: readonly EvaluationEvent[];
  /** The code to compute with; the current version when left out. */
  readonly reportCodeVersion?: ReportCodeVersion;
}

export interface ByTargetGroup<T> {
  readonly regular: T;
  readonly nonRegular: T;
}

/** Four-place decimal share, or null where the roster is zero. */
export type Share = string | null;
export type BandStatus = 'below' | 'within' | 'above' | 'no-roster' | 'no-phase';

export interface Figures {
  /** Staff declared on the roster in force on the as-of date. */
  readonly roster: ByTargetGroup<number>;
  /** Distinct people who count as trained under the coverage rule. */
  readonly trained: ByTargetGroup<number>;
  readonly share: ByTargetGroup<Share>;
  readonly band: ByTargetGroup<BandStatus>;
  /** Distinct people holding a certificate in force. */
  readonly peopleCertified: number;
  /** Lượt học viên: distinct (person, course run) pairs with a certificate in force. */
  readonly learnerTimesCertified: number;
  readonly certificatesIssued: number;
  readonly certificatesInForce: number;
  readonly certificatesRevoked: number;
  readonly runsHosted: number;
  readonly runsHostedWithForeignLecturer: number;
}

export interface GroupFigures extends Figures {
  readonly agencies: number;
  readonly agenciesWithRoster: number;
}

export interface AgencyFigures extends Figures {
  readonly agencyId: string;
  readonly code: string | null;
  readonly nameVi: string | null;
  readonly nameEn: string | null;
  readonly kind: AgencyKind | 'unregistered';
  readonly rosterDeclaration: { readonly declarationId: string; readonly asOf: string } | null;
}

export interface DeliveryFigures {
  readonly runsCompleted: number;
  readonly runsWithForeignLecturer: number;
  readonly learnerTimesCertified: number;
  /** Distinct (course run, person) pairs with a present or late mark in a held session of a completed run. */
  readonly learnerTimesAttended: number;
}

export const agencyGroups = ['ministries', 'localities', 'unregistered'] as const;
export type AgencyGroup = (typeof agencyGroups)[number];

/** The group the report totals an agency under: ministries and central agencies, or localities. */
export function agencyGroupOf(kind: AgencyKind | 'unregistered'): AgencyGroup {
  switch (kind) {
    case 'ministry':
    case 'ministerial-level-agency':
    case 'government-agency':
      return 'ministries';
    case 'province':
    case 'commune':
      return 'localities';
    case 'unregistered':
      return 'unregistered';
    default:
      return assertNever(kind, 'agency kind');
  }
}

export interface InputPartitionSummary {
  readonly topic: string;
  readonly partition: number;
  readonly events: number;
  readonly firstOffset: string;
  readonly lastOffset: string;
}

export interface RejectedEvent {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string;
  readonly type: string;
  readonly reason: 'data-does-not-match-contract';
}

export interface EvaluationReport {
  readonly reportCodeVersion: string;
  readonly kind: EvaluationKind;
  readonly asOf: string;
  readonly coverageRule: CoverageRulePolicy;
  readonly phaseTargets: {
    readonly version: number;
    readonly phase: (Phase & { readonly relation: 'current' | 'ended' }) | null;
  };
  readonly inputs: {
    readonly events: number;
    readonly duplicateEvents: number;
    readonly rejectedEvents: readonly RejectedEvent[];
    readonly partitions: readonly InputPartitionSummary[];
  };
  readonly national: GroupFigures;
  readonly agencyGroups: Readonly<Record<AgencyGroup, GroupFigures>>;
  readonly agencyKinds: Readonly<Record<AgencyKind | 'unregistered', GroupFigures>>;
  /** Ordered by agency id. */
  readonly agencies: readonly AgencyFigures[];
  readonly courses: DeliveryFigures & { readonly peopleAttended: number };
  readonly byRank: Readonly<Record<Rank, { readonly learnerTimesCertified: number; readonly peopleCertified: number }>>;
  readonly byLevel: Readonly<Record<CourseLevel, DeliveryFigures>>;
  readonly byTrainingGroup: Readonly<Record<TrainingGroup, DeliveryFigures>>;
  readonly byFormat: Readonly<Record<CourseFormat, DeliveryFigures>>;
  /** Since evaluation/2.0.0: the rules the figures follow, as the report states them. */
  readonly rules?: readonly string[];
  /** Since evaluation/2.0.0: the figures the reviews publish, per scope. */
  readonly programme?: ProgrammeFigures;
}
