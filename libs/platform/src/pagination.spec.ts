import { ProblemException } from './problem-details/problem-details';
import { MAX_PAGE_SIZE, pageOf, setTotalCount } from './pagination';

describe('a page of a list', () => {
  it('is the first 5,000 items when nothing is asked', () => {
    expect(pageOf({})).toEqual({ limit: MAX_PAGE_SIZE, offset: 0 });
    expect(pageOf({ limit: '', offset: '' })).toEqual({ limit: MAX_PAGE_SIZE, offset: 0 });
  });

  it('reads limit and offset from the query', () => {
    expect(pageOf({ limit: '25', offset: '50' })).toEqual({ limit: 25, offset: 50 });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '5001' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ limit: '-1' }, 'limit'],
    [{ limit: '1e3' }, 'limit'],
    [{ offset: 'x' }, 'offset'],
    [{ offset: '99999999999' }, 'offset'],
  ])('refuses %j naming %s', (query, field) => {
    let thrown: unknown;
    try {
      pageOf(query);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect((thrown as ProblemException).getStatus()).toBe(400);
    expect((thrown as ProblemException).problem.errors).toEqual([{ field, reason: expect.stringContaining("must be a whole number") }]);
  });

  it('says the total in X-Total-Count', () => {
    const headers = new Map<string, string>();
    setTotalCount({ setHeader: (name, value) => headers.set(name, value) }, 12_345);
    expect(headers.get('X-Total-Count')).toBe('12345');
  });
});
