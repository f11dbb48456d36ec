export interface Actor {
  readonly id: string;
  readonly roles: readonly string[];
  readonly agencyId?: string | null;
}

/** What the caller states about a command or event: who, why, and when it happened in the domain. */
export interface MessageMetadata {
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly actor: Actor;
  /** Domain time stated by the caller (ISO-8601). Deciders never read a clock. */
  readonly occurredAt: string;
}

export interface Message<TType extends string = string, TData = unknown, TMetadata = MessageMetadata> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata: TMetadata;
}

export type Command<TType extends string = string, TData = unknown> = Message<TType, TData>;
export type DomainEvent<TType extends string = string, TData = unknown> = Message<TType, TData>;

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
