import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';

/** Plain properties of an answer or an item: their names and schemas. */
type Properties = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface BulkAnswerSchemaOptions {
  readonly description: string;
  /** Fields of the whole answer besides the counts and items (the run's id, say). */
  readonly answer?: Properties;
  /** The ids that name each item, beside its index. */
  readonly subject: Properties;
  /** What an accepted item adds. */
  readonly accepted?: Properties;
  /** An answer as the endpoint gives it. */
  readonly example?: object;
}

const REFUSAL: Properties = {
  status: { type: 'integer', description: 'The HTTP status the item would have had on its own' },
  rule: { type: 'string', description: 'The rule it breaks' },
  field: { type: 'string', nullable: true, description: 'The input that breaks it' },
  kind: { type: 'string', enum: ['invalid', 'conflict', 'not-found', 'forbidden'] },
  reason: { type: 'string' },
  errors: {
    type: 'array',
    description: 'Only for a row that is not a valid request body: every field its validation names',
    items: { type: 'object', required: ['field', 'reason'], properties: { field: { type: 'string' }, reason: { type: 'string' } } },
  },
};

/** The OpenAPI schema of `bulkAnswer`'s answer, so that every bulk endpoint documents the one shape. */
export function bulkAnswerSchema(options: BulkAnswerSchemaOptions) {
  const item = (result: string, more: Properties, moreRequired: readonly string[]) => ({
    type: 'object',
    required: ['index', ...Object.keys(options.subject), 'result', ...moreRequired],
    properties: {
      index: { type: 'integer', description: 'The item’s place in the request, from 0' },
      ...options.subject,
      result: { type: 'string', enum: [result] },
      ...more,
    },
  });
  const count = (description: string) => ({ type: 'integer', description });
  return {
    type: 'object',
    ...(options.example ? { example: options.example } : {}),
    required: [...Object.keys(options.answer ?? {}), 'accepted', 'alreadyRecorded', 'refused', 'items'],
    properties: {
      ...options.answer,
      accepted: count('Items recorded now'),
      alreadyRecorded: count('Items recorded before by the same content: nothing new'),
      refused: count('Items refused, each with its rule'),
      items: {
        type: 'array',
        items: {
          oneOf: [
            item('accepted', options.accepted ?? {}, Object.keys(options.accepted ?? {})),
            item('already-recorded', {}, []),
            item('refused', REFUSAL, ['status', 'rule', 'field', 'kind', 'reason']),
          ],
        },
      },
    },
  };
}

/** Documents a bulk endpoint's 200 answer as `bulkAnswer` builds it. */
export const ApiBulkAnswer = (options: BulkAnswerSchemaOptions) =>
  applyDecorators(ApiOkResponse({ description: options.description, schema: bulkAnswerSchema(options) }));
