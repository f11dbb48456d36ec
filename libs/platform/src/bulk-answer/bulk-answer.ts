import type { DomainRuleViolation, EachOutcome, RuleViolationKind } from '@training-ledger/decider';
import type { FieldError } from '../problem-details/problem-details';
import { ruleViolationStatus } from '../problem-details/problem-details.filter';

/**
 * What became of one item of a bulk request: recorded now, already recorded before (the same item
 * sent again, nothing new), or refused for the rule it breaks. Every endpoint that answers item by
 * item says it in these three words, so a caller reads every bulk answer the same way.
 */
export type BulkItemResult = 'accepted' | 'already-recorded' | 'refused';

/** Why an item was refused, as data a caller can act on: the HTTP status it would have had alone, the rule, the field and the kind. */
export interface ItemRefusal {
  readonly status: number;
  readonly rule: string;
  readonly field: string | null;
  readonly kind: RuleViolationKind;
  readonly reason: string;
  /** Only for a row that is not a valid request body: every field its validation names. */
  readonly errors?: readonly FieldError[];
}

/** One item's answer: its place in the request, the ids that name it, and its result. */
export type BulkItem<TSubject extends object, TAccepted extends object = object> = { readonly index: number } & TSubject &
  (({ readonly result: 'accepted' } & TAccepted) | { readonly result: 'already-recorded' } | ({ readonly result: 'refused' } & ItemRefusal));

export interface BulkCounts {
  readonly accepted: number;
  readonly alreadyRecorded: number;
  readonly refused: number;
}

export type BulkAnswer<TSubject extends object, TAccepted extends object = object> = BulkCounts & {
  readonly items: readonly BulkItem<TSubject, TAccepted>[];
};

/** A row that fails the validation of its endpoint's body: no rule is decided on it. */
export interface InvalidItem {
  readonly accepted: false;
  readonly errors: readonly FieldError[];
}

/** An item as it was decided: by `decideEach`, refused before deciding, or found not to be a request body. */
export type ItemOutcome<TEvent> = EachOutcome<TEvent> | InvalidItem;

/** Refused before the decider saw it, for a rule the application checks (an unknown trainee, say). */
export const refusedItem = (violation: DomainRuleViolation): ItemOutcome<never> => ({ accepted: false, violation });

export interface BulkAnswerOptions<TRequest, TEvent, TSubject extends object, TAccepted extends object> {
  /** The ids that name an item of the request. */
  readonly subject: (request: TRequest, index: number) => TSubject;
  /** What an accepted item adds from the events it recorded (a certificate's number, say). */
  readonly accepted?: (events: readonly TEvent[], index: number) => TAccepted;
}

/**
 * The answer to a bulk request: one item per request item, in the request's order, each with the
 * outcome decided for it, and the count of each result.
 */
export function bulkAnswer<TRequest, TEvent, TSubject extends object, TAccepted extends object = object>(
  requests: readonly TRequest[],
  outcomes: readonly ItemOutcome<TEvent>[],
  options: BulkAnswerOptions<TRequest, TEvent, TSubject, TAccepted>,
): BulkAnswer<TSubject, TAccepted> {
  if (outcomes.length !== requests.length) throw new Error(`${outcomes.length} outcomes for ${requests.length} items of a bulk request`);
  const items = requests.map((request, index): BulkItem<TSubject, TAccepted> => {
    const outcome = outcomes[index] as ItemOutcome<TEvent>;
    const named = { index, ...options.subject(request, index) };
    if (!outcome.accepted) return { ...named, result: 'refused', ...refusalOf(outcome) };
    if (outcome.events.length === 0) return { ...named, result: 'already-recorded' };
    return { ...named, result: 'accepted', ...(options.accepted?.(outcome.events, index) ?? ({} as TAccepted)) };
  });
  const count = (result: BulkItemResult) => items.filter((item) => item.result === result).length;
  return { accepted: count('accepted'), alreadyRecorded: count('already-recorded'), refused: count('refused'), items };
}

/** An invalid row is refused as its endpoint would refuse the body: 400, naming every field. */
function refusalOf(outcome: Exclude<ItemOutcome<unknown>, { accepted: true }>): ItemRefusal {
  if ('errors' in outcome) {
    const [first] = outcome.errors;
    return {
      status: 400,
      rule: 'valid-request-body',
      field: first?.field || null,
      kind: 'invalid',
      reason: outcome.errors.map((error) => (error.field ? `${error.field}: ${error.reason}` : error.reason)).join('; '),
      errors: outcome.errors,
    };
  }
  const { kind, rule, field, message } = outcome.violation;
  return { status: ruleViolationStatus(kind), rule, field: field ?? null, kind, reason: message };
}
