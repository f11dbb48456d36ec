import { logSealSchemas, type EventSchemas, type TopicContract } from '@training-ledger/contracts';
import type { DomainEvent } from '@training-ledger/decider';
import type { RecordedEvent } from '@training-ledger/event-store';
import type { IntegrationEventDraft, IntegrationEventMapper } from '@training-ledger/messaging';
import { z } from 'zod';

type SealSchemas = typeof logSealSchemas;
type SchemasOf<TContract> = TContract extends TopicContract<infer TSchemas> ? TSchemas : never;

/** The contract's input shape, which also takes the read-only arrays and objects domain events hold. */
type Publishable<T> = T extends readonly (infer TItem)[]
  ? readonly Publishable<TItem>[]
  : T extends object
    ? { readonly [TKey in keyof T]: Publishable<T[TKey]> }
    : T;

/** An event the contract names (its seals aside), in the shape its schema takes. */
export type ContractEventDraft<TSchemas extends EventSchemas> = {
  [TType in Exclude<keyof TSchemas & string, keyof SealSchemas>]: {
    readonly type: TType;
    readonly data: Publishable<z.input<TSchemas[TType]>>;
  };
}[Exclude<keyof TSchemas & string, keyof SealSchemas>];

/**
 * For every domain event of a service, what it becomes on the service's topic: `'private'` (it stays
 * in the log), or the integration event the contract names, written out field by field. TypeScript
 * does not flag an extra field in the object an arrow returns; the contract's schema strips it.
 */
export type EventGateway<TDomainEvent extends DomainEvent, TContract extends TopicContract<EventSchemas>> = {
  readonly [TType in TDomainEvent['type']]:
    | 'private'
    | ((data: Extract<TDomainEvent, { type: TType }>['data'], event: RecordedEvent) => ContractEventDraft<SchemasOf<TContract>>);
};

/**
 * A relay's mapper that also names the domain event types it may publish, so that the relay reads
 * only those from the log and never the private bulk of it (reporting's archive, say).
 */
export type PublishedEventsMapper = IntegrationEventMapper & { readonly publishedTypes: readonly string[] };

/** An entry reads fields: data that is no object is refused first, with the issue every object schema raises. */
const anObject = z.object({});

/**
 * The relay's mapper of a service: a domain event is published as its gateway entry says, the seals
 * of the log (which no decider decides) as they are, and anything else the log holds stays private.
 * What a gateway entry returns is parsed by the contract's schema, so an event that breaks its
 * contract is set aside rather than published.
 */
export function publishedEvents<TDomainEvent extends DomainEvent, TContract extends TopicContract<EventSchemas & SealSchemas>>(
  contract: TContract,
  gateway: EventGateway<TDomainEvent, TContract>,
): PublishedEventsMapper {
  const entries: Readonly<Record<string, 'private' | ((data: never, event: RecordedEvent) => IntegrationEventDraft)>> = gateway;
  const publishedTypes = [...Object.keys(logSealSchemas), ...Object.keys(entries).filter((type) => entries[type] !== 'private')];
  const mapper = (event: RecordedEvent): IntegrationEventDraft | null => {
    if (Object.hasOwn(logSealSchemas, event.type)) return inContractShape(contract, event.type, event.data);
    const entry = Object.hasOwn(entries, event.type) ? entries[event.type] : undefined;
    if (entry === undefined || entry === 'private') return null;
    anObject.parse(event.data);
    const draft = entry(event.data as never, event);
    return inContractShape(contract, draft.type, draft.data);
  };
  return Object.assign(mapper, { publishedTypes });
}

function inContractShape(contract: TopicContract<EventSchemas>, type: string, data: unknown): IntegrationEventDraft {
  if (!Object.hasOwn(contract.schemas, type)) throw new Error(`${contract.topic} names no ${type}`);
  return { type, data: contract.schemas[type].parse(data) };
}
