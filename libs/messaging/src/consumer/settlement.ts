export type Interrupted = { readonly kind: 'interrupted' };
export type DeadLettered = { readonly kind: 'dead-lettered' };
/** A message of a type the handler does not read: nothing to do, not even decode it. */
export type PassedOver = { readonly kind: 'passed-over' };
/** What became of one message: its offset may be committed unless it was interrupted. */
export type Settlement = { readonly kind: 'handled' } | PassedOver | DeadLettered | Interrupted;
export type ChunkSettlement = { readonly kind: 'settled' } | Interrupted;

/** What the parts of one consumer have done so far; its status reads them. */
export class ConsumerProgress {
  handledMessages = 0;
  passedOverMessages = 0;
  deadLetteredMessages = 0;
  lastError: string | null = null;
  /** When the message in hand first failed transiently, while it still does. */
  waitingForRecoverySince: Date | null = null;
}
