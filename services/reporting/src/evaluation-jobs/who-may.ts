import type { Role } from '@training-ledger/auth';
import type { Actor } from '@training-ledger/decider';

/*
 * Who may follow an evaluation job, in one place: the route admits every role that may ask for a
 * job, and each job is shown only to the roles of the operation that asked for it.
 */

/** Every role that may ask for an evaluation job (issue, replay, restate). */
export const JOB_READERS: readonly Role[] = ['evaluator', 'auditor', 'programme-admin', 'monitor'];

/** Whether `actor` holds one of the roles of the operation that asked for the job; to anyone else the job does not exist. */
export function mayFollowJob(actor: Actor, job: { readonly roles: readonly Role[] }): boolean {
  return job.roles.some((role) => actor.roles.includes(role));
}
