import { isAgencyBound, type Role } from '@training-ledger/auth';
import type { Actor, Refusal } from '@training-ledger/decider';

/*
 * Who may register, change, transfer, erase and read trainees (học viên), in one place: the routes
 * admit these roles, the records service asks which agency an actor acts for and whether it sees
 * names, and the decider asks whether that agency may change the trainee in hand.
 */

/** The trainee's agency's own system, for its people; MOFA's programme office, for any agency. */
export const TRAINEE_KEEPERS = ['agency-integration', 'programme-admin'] as const satisfies readonly Role[];

/** The keepers, and those who evaluate, monitor and audit the programme, who count trainees. */
export const TRAINEE_READERS = [...TRAINEE_KEEPERS, 'evaluator', 'monitor', 'auditor'] as const satisfies readonly Role[];

/**
 * Names and dates of birth are for the office that runs the programme and for the trainee's own
 * agency; monitors, evaluators and auditors count people and need no one's identity.
 */
export function mayReadPersonalData(actor: Actor): boolean {
  return actor.roles.some((role) => role === 'programme-admin' || role === 'agency-integration');
}

/**
 * An agency's system acts for its own agency, so the decider can refuse it a trainee of another;
 * the programme office acts for whichever agency the trainee belongs to.
 */
export function actingAgency(actor: Actor, traineeAgencyId: string): string {
  return isAgencyBound(actor) ? (actor.agencyId ?? '') : traineeAgencyId;
}

/** The agency a transfer is made for: the office resending a transfer it already made acts, as it did then, for the agency the trainee left. */
export function transferActingAgency(
  actor: Actor,
  trainee: {
    readonly agencyId: string;
    readonly lastTransfer: { readonly fromAgencyId: string; readonly toAgencyId: string; readonly effectiveFrom: string } | null;
  },
  transfer: { readonly toAgencyId: string; readonly effectiveFrom: string },
): string {
  const last = trainee.lastTransfer;
  const officeResends =
    !isAgencyBound(actor) &&
    last !== null &&
    last.toAgencyId === transfer.toAgencyId &&
    last.effectiveFrom === transfer.effectiveFrom &&
    trainee.agencyId === transfer.toAgencyId;
  return officeResends ? last.fromAgencyId : actingAgency(actor, trainee.agencyId);
}

/** Null when the agency acting may change the trainee: only the agency the trainee belongs to. */
export function mayChangeTrainee(trainee: { readonly traineeId: string; readonly agencyId: string }, actingAgencyId: string): Refusal | null {
  if (trainee.agencyId === actingAgencyId) return null;
  return {
    rule: 'trainee-belongs-to-agency',
    field: 'traineeId',
    kind: 'forbidden',
    reason: `Trainee ${trainee.traineeId} does not belong to agency ${actingAgencyId}`,
  };
}
