import { createValidationPipe } from '../problem-details/validation';
import { firstUnstorableText } from './storable-text';

describe('text the event log can store', () => {
  it('takes any well-formed Unicode text, Vietnamese and emoji included', () => {
    expect(firstUnstorableText({ nameVi: 'Bộ Ngoại giao 🇻🇳', items: [{ note: 'tab\there' }] }, '')).toBeNull();
  });

  it('names where a NUL character is, at any depth', () => {
    expect(firstUnstorableText({ sessions: [{ id: 'S1' }, { id: 'S\u00002' }] }, '')).toEqual({
      field: 'sessions[1].id',
      reason: 'sessions[1].id must not contain the NUL character (U+0000)',
    });
  });

  it('names a string holding half of a surrogate pair, and a property name that does', () => {
    expect(firstUnstorableText({ nameEn: 'abc\uD83D' }, '')).toMatchObject({ field: 'nameEn', reason: expect.stringContaining('surrogate pair') });
    expect(firstUnstorableText({ content: { ['\uDE00']: 1 } }, '')).toMatchObject({ field: 'content', reason: expect.stringMatching(/^a property name of content/) });
  });

  it('names a path or query parameter by its own name', () => {
    expect(firstUnstorableText('T-\u00001', 'traineeId')).toMatchObject({ field: 'traineeId' });
  });

  it('is refused by the validation pipe as a 400 naming the field (found by fuzzing: it answered 500)', async () => {
    await expect(createValidationPipe().transform('RUN\u0000', { type: 'param', data: 'runId', metatype: String })).rejects.toMatchObject({
      problem: { status: 400, errors: [{ field: 'runId', reason: 'runId must not contain the NUL character (U+0000)' }] },
    });
  });
});
