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
