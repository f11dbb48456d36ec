/** Why an item of a bulk request was refused: the status it would have had alone, the rule, the field and the kind. */
export interface ItemRefusalView {
  readonly status: number;
  readonly rule: string;
  readonly field: string | null;
  readonly kind: 'invalid' | 'conflict' | 'not-found' | 'forbidden';
  readonly reason: string;
  /** Only for a row of a check that is not a valid request body. */
  readonly errors?: readonly { readonly field: string; readonly reason: string }[];
}

/** One item of a bulk answer, as every service gives it: its index, the ids that name it and its result. */
export type BulkItemView<TSubject extends object, TAccepted extends object = object> = { readonly index: number } & TSubject &
  (({ readonly result: 'accepted' } & TAccepted) | { readonly result: 'already-recorded' } | ({ readonly result: 'refused' } & ItemRefusalView));

/** The answer of a bulk endpoint (many nominations, decisions, marks or certificates, or a check of rows). */
export interface BulkAnswerView<TSubject extends object, TAccepted extends object = object> {
  readonly accepted: number;
  readonly alreadyRecorded: number;
  readonly refused: number;
  readonly items: readonly BulkItemView<TSubject, TAccepted>[];
}
