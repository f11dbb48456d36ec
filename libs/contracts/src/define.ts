import type { z } from 'zod';

export type EventSchemas = Readonly<Record<string, z.ZodType>>;

/** The union `{ type, data }` of every event a schema map describes. */
export type EventUnion<TSchemas extends EventSchemas> = {
  [TType in keyof TSchemas & string]: { readonly type: TType; readonly data: z.infer<TSchemas[TType]> };
}[keyof TSchemas & string];

/** Fields of a service's own events that stay in its log when the event is published, by event type. */
export type WithheldFields<TSchemas extends EventSchemas> = { readonly [TType in keyof TSchemas & string]?: readonly string[] };

export interface TopicContract<TSchemas extends EventSchemas> {
  readonly service: string;
  readonly topic: string;
  readonly schemas: TSchemas;
  /**
   * What the service's relay leaves out of an event it publishes: free text (reasons, comments) that
   * may name people. Kafka and the reporting archive keep what they are given for good.
   */
  readonly withheld: Readonly<Record<string, readonly string[] | undefined>>;
}

export function defineTopicContract<TSchemas extends EventSchemas>(
  service: string,
  schemas: TSchemas,
  withheld: WithheldFields<TSchemas> = {},
): TopicContract<TSchemas> {
  return { service, topic: `${service}.events.v1`, schemas, withheld };
}
