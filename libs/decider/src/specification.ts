import type { Decider } from './decider';
import { fold } from './decider';
import type { Command, DomainEvent } from './message';
import { DomainRuleViolation } from './domain-rule-violation';

export type Outcome<TEvent> =
  | { readonly events: readonly TEvent[] }
  | { readonly violation: { readonly rule: string; readonly field?: string; readonly kind: string } };

/**
 * Given/when/then for deciders: the history, the command, and either the events it decides
 * or the rule it breaks. Specifications read as the Decision reads.
 */
export function given<TCommand extends Command, TEvent extends DomainEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
  history: readonly TEvent[] = [],
) {
  return {
    when(command: TCommand): Outcome<TEvent> {
      const state = fold(decider, history);
      try {
        return { events: decider.decide(command, state) };
      } catch (error) {
        if (error instanceof DomainRuleViolation) {
          return { violation: { rule: error.rule, field: error.field, kind: error.kind } };
        }
        throw error;
      }
    },
  };
}
