import type { Role } from '@training-ledger/auth';

/*
 * Who may issue, replay, restate and read evaluations (đánh giá giữa kỳ, cuối kỳ) and publish the
 * policies they apply, in one place: the routes admit these roles, and each evaluation job is shown
 * to the roles of the operation that asked for it (`mayFollowJob`).
 */

/** Issuing an evaluation is MOFA's evaluators' work. */
export const EVALUATION_ISSUERS = ['evaluator'] as const satisfies readonly Role[];

/** An auditor replays an evaluation to check it; the evaluators may too. The one write a read-only role makes. */
export const EVALUATION_REPLAYERS = ['auditor', 'evaluator'] as const satisfies readonly Role[];

/** Reading evaluations, their reports and the policies in force, and asking for a restatement. */
export const EVALUATION_READERS = ['evaluator', 'auditor', 'programme-admin', 'monitor'] as const satisfies readonly Role[];

/** Publishing a new version of a policy (targets, the coverage rule) is MOFA's programme office's. */
export const POLICY_PUBLISHERS = ['programme-admin'] as const satisfies readonly Role[];
