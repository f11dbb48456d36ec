export const DEFAULT_SCHEMA = 'event_store';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

/**
 * The names of everything the store keeps in one PostgreSQL schema, quoted for SQL. The schema
 * name is restricted to plain lowercase identifiers so that derived names (the notification
 * channel, the advisory lock key) stay valid and unambiguous.
 */
export class EventStoreSchema {
  readonly name: string;
  readonly events: string;
  readonly streams: string;
  readonly checkpoints: string;
  readonly migrations: string;
  /** The function that appended a batch until migration 7, kept for a previous release still running. */
  readonly appendFunction: string;
  /** Idempotency-Keys of the service's HTTP writes, kept next to the events they answer (migration 6). */
  readonly idempotencyKeys: string;
  /** Appended a batch and completed an Idempotency-Key until migration 7, kept like `appendFunction`. */
  readonly appendCompletingKeyFunction: string;
  /** Raises ES003 for an append statement whose Idempotency-Key is no longer claimed (migration 7). */
  readonly refuseUnclaimedKeyFunction: string;
  /** LISTEN/NOTIFY channel on which stores announce that appends committed. */
  readonly channel: string;

  constructor(name: string = DEFAULT_SCHEMA) {
    if (!SCHEMA_NAME.test(name)) {
      throw new TypeError(`Schema name must be a lowercase identifier of at most 40 characters: ${name}`);
    }
    this.name = name;
    this.events = `"${name}".events`;
    this.streams = `"${name}".streams`;
    this.checkpoints = `"${name}".checkpoints`;
    this.migrations = `"${name}".schema_migrations`;
    this.appendFunction = `"${name}".append_to_stream`;
    this.idempotencyKeys = `"${name}".idempotency_keys`;
    this.appendCompletingKeyFunction = `"${name}".append_to_stream_completing_key`;
    this.refuseUnclaimedKeyFunction = `"${name}".refuse_unclaimed_key`;
    this.channel = `${name}_events_appended`;
  }

  get quotedName(): string {
    return `"${this.name}"`;
  }
}
