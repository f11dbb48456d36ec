import { DomainRuleViolation, type EachOutcome } from '@training-ledger/decider';
import { bulkAnswer, bulkAnswerSchema, refusedItem } from './index';

interface Issued {
  readonly type: 'Issued';
  readonly number: string;
}

const ids = ['a', 'b', 'c', 'd'];

describe('bulkAnswer', () => {
  const outcomes: EachOutcome<Issued>[] = [
    { accepted: true, events: [{ type: 'Issued', number: 'N-1' }] },
    { accepted: true, events: [] },
    { accepted: false, violation: new DomainRuleViolation('seat-free', 'The run is full', 'runId', 'conflict') },
    { accepted: false, violation: new DomainRuleViolation('eligible', 'Not eligible') },
  ];

  it('answers each item in order with its index, its ids and one of three results, and counts them', () => {
    const answer = bulkAnswer(ids, outcomes, { subject: (itemId) => ({ itemId }) });
    expect(answer).toEqual({
      accepted: 1,
      alreadyRecorded: 1,
      refused: 2,
      items: [
        { index: 0, itemId: 'a', result: 'accepted' },
        { index: 1, itemId: 'b', result: 'already-recorded' },
        { index: 2, itemId: 'c', result: 'refused', status: 409, rule: 'seat-free', field: 'runId', kind: 'conflict', reason: 'The run is full' },
        { index: 3, itemId: 'd', result: 'refused', status: 422, rule: 'eligible', field: null, kind: 'invalid', reason: 'Not eligible' },
      ],
    });
  });

  it('adds to an accepted item what its events recorded, and only to it', () => {
    const answer = bulkAnswer(ids, outcomes, {
      subject: (itemId) => ({ itemId }),
      accepted: (events) => ({ number: events[0]?.number ?? '' }),
    });
    expect(answer.items.map((item) => ('number' in item ? item.number : null))).toEqual(['N-1', null, null, null]);
  });

  it('refuses an item refused before deciding as the decider would have', () => {
    const answer = bulkAnswer(['T-9'], [refusedItem(new DomainRuleViolation('trainee-must-exist', 'Unknown trainee', 'traineeId', 'not-found'))], {
      subject: () => ({}),
    });
    expect(answer.items[0]).toEqual({ index: 0, result: 'refused', status: 404, rule: 'trainee-must-exist', field: 'traineeId', kind: 'not-found', reason: 'Unknown trainee' });
  });

  it('refuses a row that is not a request body with 400, naming every field', () => {
    const errors = [
      { field: 'asOf', reason: 'asOf must be a date' },
      { field: '', reason: 'the body must be an object' },
    ];
    const answer = bulkAnswer([{}], [{ accepted: false, errors }], { subject: () => ({ subjectId: null }) });
    expect(answer.items[0]).toEqual({
      index: 0,
      subjectId: null,
      result: 'refused',
      status: 400,
      rule: 'valid-request-body',
      field: 'asOf',
      kind: 'invalid',
      reason: 'asOf: asOf must be a date; the body must be an object',
      errors,
    });
    expect(answer.refused).toBe(1);
  });

  it('fails loudly when the outcomes do not pair with the items', () => {
    expect(() => bulkAnswer(ids, outcomes.slice(1), { subject: () => ({}) })).toThrow('3 outcomes for 4 items');
  });

  it('answers an empty request with no items and zero counts', () => {
    expect(bulkAnswer([], [], { subject: () => ({}) })).toEqual({ accepted: 0, alreadyRecorded: 0, refused: 0, items: [] });
  });
});

describe('bulkAnswerSchema', () => {
  it('documents the counts, the subject ids of every item and what an accepted item adds', () => {
    const schema = bulkAnswerSchema({
      description: 'Certificates issued',
      answer: { runId: { type: 'string' } },
      subject: { traineeId: { type: 'string' } },
      accepted: { certificateNumber: { type: 'string' } },
    });
    expect(schema.required).toEqual(['runId', 'accepted', 'alreadyRecorded', 'refused', 'items']);
    const [accepted, already, refused] = schema.properties.items.items.oneOf;
    expect(accepted?.required).toEqual(['index', 'traineeId', 'result', 'certificateNumber']);
    expect(already?.properties.result).toEqual({ type: 'string', enum: ['already-recorded'] });
    expect(refused?.required).toEqual(['index', 'traineeId', 'result', 'status', 'rule', 'field', 'kind', 'reason']);
  });
});
