export type RuleViolationKind = 'invalid' | 'conflict' | 'not-found' | 'forbidden';

/**
 * A command refused by a business rule. `field` names the input that broke the rule,
 * so that HTTP adapters can answer with a problem document that points at it.
 */
export class DomainRuleViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly field?: string,
    readonly kind: RuleViolationKind = 'invalid',
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}

/** Why an actor may not do something, as data: what a slice's who-may predicates answer instead of throwing. */
export interface Refusal {
  readonly rule: string;
  readonly field: string;
  readonly kind: RuleViolationKind;
  readonly reason: string;
}

/** Throws the refusal as the rule violation it names. */
export function refuse(refusal: Refusal): never {
  throw new DomainRuleViolation(refusal.rule, refusal.reason, refusal.field, refusal.kind);
}

/** Refuses the command or request when a who-may predicate answered a refusal; passes on null. */
export function enforce(refusal: Refusal | null): void {
  if (refusal) refuse(refusal);
}
