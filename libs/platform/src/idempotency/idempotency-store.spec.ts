import { hashRequest } from './idempotency-store';

describe('hashRequest', () => {
  it('ignores the order of object keys but not of array items', () => {
    expect(hashRequest({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(hashRequest({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(hashRequest({ items: [1, 2] })).not.toBe(hashRequest({ items: [2, 1] }));
  });

  it('tells apart values that differ only in type', () => {
    expect(hashRequest({ count: 1 })).not.toBe(hashRequest({ count: '1' }));
    expect(hashRequest({ value: null })).not.toBe(hashRequest({}));
  });

  it('reads an absent property and an undefined one as the same request', () => {
    expect(hashRequest({ a: 1, b: undefined })).toBe(hashRequest({ a: 1 }));
  });
});
