import type { Actor } from '@training-ledger/decider';

export const ROLES = [
  /** MOFA programme office: plans, policies, rosters and evaluations. */
  'programme-admin',
  /** MOFA certifying authority: issues and revokes certificates. */
  'certifier',
  /** MOFA staff who run mid-term and final evaluations. */
  'evaluator',
  /** A ministry's or province's own system; bound to one agency. */
  'agency-integration',
  /** A training institution's system; may be bound to one institution. */
  'institution-integration',
  /** Ministry of Home Affairs: reads progress across all agencies. */
  'monitor',
  /** Reads everything and replays evaluations. */
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles whose holder may only touch the records of the agency named in its token. */
export const AGENCY_BOUND_ROLES: readonly Role[] = ['agency-integration'];

/** Roles that never change the ledger. */
export const READ_ONLY_ROLES: readonly Role[] = ['monitor', 'auditor'];

const knownRoles: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && knownRoles.has(value);
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/**
 * Holding any agency-bound role restricts the actor to its agency, whatever other roles it holds:
 * a token that mixes a system role with an office role is read in the narrower way.
 */
export function isAgencyBound(actor: Actor): boolean {
  return actor.roles.some((role) => (AGENCY_BOUND_ROLES as readonly string[]).includes(role));
}

/** Read-only when every role the actor holds is read-only; one writing role lifts it. */
export function isReadOnly(actor: Actor): boolean {
  return actor.roles.length > 0 && actor.roles.every((role) => (READ_ONLY_ROLES as readonly string[]).includes(role));
}

/**
 * For each role, the names of the lists that admit it, in the order given: a slice's who-may table
 * (which role may do what) as one value, to compare with the table its rules intend.
 */
export function admittedBy(lists: Readonly<Record<string, readonly Role[]>>): Record<Role, string[]> {
  const names = Object.keys(lists);
  return Object.fromEntries(ROLES.map((role) => [role, names.filter((name) => lists[name]!.includes(role))])) as Record<Role, string[]>;
}
