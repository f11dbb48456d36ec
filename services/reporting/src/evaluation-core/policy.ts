import { identifier, isCalendarDate, isoDate, type CourseLevel, type TrainingGroup } from '@training-ledger/contracts';
import { assertNever } from '@training-ledger/decider';
import { z } from 'zod';
import { compareFractions, parseDecimal } from './shares';

/**
 * The reporting policies as data. Every evaluation names the version of each it used, and MOFA
 * changes them by publishing `PolicyVersioned.v1`, never by changing code.
 */

export interface Band {
  /** Decimal share, e.g. "0.30". */
  readonly min: string;
  readonly max: string;
}

export interface Phase {
  readonly id: string;
  readonly name: { readonly vi: string; readonly en: string };
  /** First and last day of the phase, inclusive. */
  readonly from: string;
  readonly to: string;
  /** The share of each target group to be trained by the end of the phase. */
  readonly bands: { readonly regular: Band; readonly nonRegular: Band };
}

export interface PhaseTargets {
  readonly phases: readonly Phase[];
}

export interface PhaseTargetsPolicy {
  readonly version: number;
  readonly targets: PhaseTargets;
}

/**
 * Which certificates make a person count as trained (đã được bồi dưỡng):
 * - `any-certificate`: at least one certificate issued by the as-of date and not revoked by then;
 * - `universal-in-both-groups`: such a certificate at the universal level (phổ quát) in each of the
 *   two training groups, expertise (chuyên môn, nghiệp vụ) and skills and style (kỹ năng, phong cách).
 */
export type CoverageRule = { readonly kind: 'any-certificate' } | { readonly kind: 'universal-in-both-groups' };

/** What counts as trained: of a person's certificates in force, those that make them count under the rule. */
export function certificatesThatTrain<T extends { readonly level: CourseLevel; readonly trainingGroup: TrainingGroup }>(rule: CoverageRule, inForce: readonly T[]): readonly T[] {
  switch (rule.kind) {
    case 'any-certificate':
      return inForce;
    case 'universal-in-both-groups': {
      const universal = inForce.filter((certificate) => certificate.level === 'universal');
      const covers = (group: TrainingGroup) => universal.some((certificate) => certificate.trainingGroup === group);
      return covers('expertise') && covers('skills-and-style') ? universal : [];
    }
    default:
      return assertNever(rule, 'coverage rule');
  }
}

export interface CoverageRulePolicy {
  readonly version: number;
  readonly rule: CoverageRule;
}

const calendarDate = isoDate.refine(isCalendarDate, 'must be a real calendar date');
const policyVersion = z.number().int().min(1);

export const ShareDecimalSchema = z
  .string()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'must be a share from 0 to 1 with at most four places, such as 0.30');

export const BandSchema = z
  .strictObject({ min: ShareDecimalSchema, max: ShareDecimalSchema })
  .refine((band) => compareFractions(parseDecimal(band.min), parseDecimal(band.max)) <= 0, {
    message: 'the band minimum must not exceed its maximum',
    // A share that is no decimal is already an issue; comparing it would throw instead of naming it.
    when: (payload) => payload.issues.length === 0,
  });

export const PhaseSchema = z
  .strictObject({
    id: identifier,
    name: z.strictObject({ vi: z.string().min(1), en: z.string().min(1) }),
    from: calendarDate,
    to: calendarDate,
    bands: z.strictObject({ regular: BandSchema, nonRegular: BandSchema }),
  })
  .refine((phase) => phase.from <= phase.to, { message: 'a phase must not end before it starts', path: ['to'] });

export const PhaseTargetsSchema = z.strictObject({ phases: z.array(PhaseSchema).min(1) }).superRefine((targets, context) => {
  const ids = targets.phases.map((phase) => phase.id);
  if (new Set(ids).size !== ids.length) context.addIssue({ code: 'custom', message: 'phase ids must differ', path: ['phases'] });
  const ordered = [...targets.phases].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let index = 1; index < ordered.length; index += 1) {
    if (ordered[index].from <= ordered[index - 1].to) {
      context.addIssue({
        code: 'custom',
        message: `phases ${ordered[index - 1].id} and ${ordered[index].id} overlap`,
        path: ['phases'],
      });
    }
  }
});

export const PhaseTargetsPolicySchema = z.strictObject({ version: policyVersion, targets: PhaseTargetsSchema });

export const CoverageRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('any-certificate') }),
  z.strictObject({ kind: z.literal('universal-in-both-groups') }),
]);

export const CoverageRulePolicySchema = z.strictObject({ version: policyVersion, rule: CoverageRuleSchema });

/** Mục tiêu cụ thể of Decision 892/QĐ-TTg: the phase targets as the Decision sets them. */
export const phaseTargetsV1: PhaseTargetsPolicy = {
  version: 1,
  targets: {
    phases: [
      {
        id: 'phase-1',
        name: { vi: 'Giai đoạn 1 (2026–2028)', en: 'Phase 1 (2026–2028)' },
        from: '2026-01-01',
        to: '2028-12-31',
        bands: { regular: { min: '0.30', max: '0.40' }, nonRegular: { min: '0.30', max: '0.40' } },
      },
      {
        id: 'phase-2',
        name: { vi: 'Giai đoạn 2 (2029–2031)', en: 'Phase 2 (2029–2031)' },
        from: '2029-01-01',
        to: '2031-12-31',
        bands: { regular: { min: '0.70', max: '0.80' }, nonRegular: { min: '0.50', max: '0.60' } },
      },
    ],
  },
};

/** The cut-off dates of the reviews the Decision requires: sơ kết after phase 1, tổng kết after phase 2. */
export const reviewCutoffs = { 'mid-term': '2028-12-31', final: '2031-12-31' } as const;

export type PolicyParse<T> = { readonly ok: true; readonly policy: T } | { readonly ok: false; readonly reason: string };

export function parsePhaseTargetsPolicy(candidate: unknown): PolicyParse<PhaseTargetsPolicy> {
  const parsed = PhaseTargetsPolicySchema.safeParse(candidate);
  return parsed.success ? { ok: true, policy: parsed.data } : { ok: false, reason: formatIssues(parsed.error.issues) };
}

export function parseCoverageRulePolicy(candidate: unknown): PolicyParse<CoverageRulePolicy> {
  const parsed = CoverageRulePolicySchema.safeParse(candidate);
  return parsed.success ? { ok: true, policy: parsed.data } : { ok: false, reason: formatIssues(parsed.error.issues) };
}

export type VersionedPolicy =
  | { readonly policy: 'coverage-rule'; readonly value: CoverageRulePolicy }
  | { readonly policy: 'phase-targets'; readonly value: PhaseTargetsPolicy };

/**
 * Reads the data of a `PolicyVersioned.v1` event: its `content` is the coverage rule itself
 * (`{ kind }`) or the phase targets (`{ phases }`).
 */
export function policyFromVersionedEvent(data: {
  readonly policy: 'coverage-rule' | 'phase-targets';
  readonly version: number;
  readonly content: unknown;
}): PolicyParse<VersionedPolicy> {
  if (data.policy === 'coverage-rule') {
    const parsed = parseCoverageRulePolicy({ version: data.version, rule: data.content });
    return parsed.ok ? { ok: true, policy: { policy: 'coverage-rule', value: parsed.policy } } : parsed;
  }
  const parsed = parsePhaseTargetsPolicy({ version: data.version, targets: data.content });
  return parsed.ok ? { ok: true, policy: { policy: 'phase-targets', value: parsed.policy } } : parsed;
}

export interface PhaseInForce {
  readonly phase: Phase;
  /** `current` when the as-of date falls inside the phase; `ended` when the phase is the latest one over by then. */
  readonly relation: 'current' | 'ended';
}

/** The phase whose dates contain `asOf`, or else the latest phase that ended before it; null before the first phase. */
export function phaseInForce(targets: PhaseTargets, asOf: string): PhaseInForce | null {
  const current = targets.phases.find((phase) => phase.from <= asOf && asOf <= phase.to);
  if (current) return { phase: current, relation: 'current' };
  const ended = targets.phases.filter((phase) => phase.to < asOf).sort((a, b) => (a.to < b.to ? 1 : a.to > b.to ? -1 : 0));
  return ended.length > 0 ? { phase: ended[0], relation: 'ended' } : null;
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'} ${issue.message}`).join('; ');
}
