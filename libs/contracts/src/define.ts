import type { z } from 'zod';

export type EventSchemas = Readonly<Record<string, z.ZodType>>;

/** The union `{ type, data }` of every event a schema map describes. */
export type EventUnion<TSchemas extends EventSchemas> = {
  [TType in keyof TSchemas & string]: { readonly type: TType; readonly data: z.infer<TSchemas[TType]> };
}[keyof TSchemas & string];

export interface TopicContract<TSchemas extends EventSchemas> {
  readonly service: string;
  readonly topic: string;
  readonly schemas: TSchemas;
}

export function defineTopicContract<TSchemas extends EventSchemas>(
  service: string,
  schemas: TSchemas,
): TopicContract<TSchemas> {
  return { service, topic: `${service}.events.v1`, schemas };
}
