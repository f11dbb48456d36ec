import { hashRequest, keyDerivedUuid } from './idempotency-store';

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

describe('keyDerivedUuid', () => {
  it('gives the same UUID-shaped id for the same parts, and another for other parts', () => {
    const id = keyDerivedUuid('key-1', 'RUN-1', 'T-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keyDerivedUuid('key-1', 'RUN-1', 'T-1')).toBe(id);
    expect(keyDerivedUuid('key-1', 'RUN-1T-1')).not.toBe(id);
    expect(keyDerivedUuid('key-2', 'RUN-1', 'T-1')).not.toBe(id);
  });
});
