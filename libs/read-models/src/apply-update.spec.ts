import { applyUpdate, UpdateConflictError } from './apply-update';

describe('applyUpdate', () => {
  it('sets nested paths, creating the documents on the way', () => {
    expect(applyUpdate({ _id: 'a' }, { $set: { 'address.province': 'HN', name: 'Bộ Ngoại giao' } }, false)).toEqual({
      _id: 'a',
      address: { province: 'HN' },
      name: 'Bộ Ngoại giao',
    });
  });

  it('applies $setOnInsert only when the document is being created', () => {
    expect(applyUpdate({ _id: 'a' }, { $setOnInsert: { createdOn: '2026-01-01' } }, true)).toEqual({ _id: 'a', createdOn: '2026-01-01' });
    expect(applyUpdate({ _id: 'a' }, { $setOnInsert: { createdOn: '2026-01-01' } }, false)).toEqual({ _id: 'a' });
  });

  it('increments, starting from zero when the field is missing', () => {
    expect(applyUpdate({ _id: 'a', n: 2 }, { $inc: { n: 3, 'stats.hours': 8 } }, false)).toEqual({ _id: 'a', n: 5, stats: { hours: 8 } });
    expect(() => applyUpdate({ _id: 'a', n: 'x' }, { $inc: { n: 1 } }, false)).toThrow(UpdateConflictError);
  });

  it('keeps the larger or smaller value with $max and $min', () => {
    const document = { _id: 'a', last: '2026-05-01', first: '2026-05-01', score: 3 };
    expect(applyUpdate(document, { $max: { last: '2026-04-01', score: 7 }, $min: { first: '2026-04-01', low: 2 } }, false)).toEqual({
      _id: 'a',
      last: '2026-05-01',
      first: '2026-04-01',
      score: 7,
      low: 2,
    });
    expect(() => applyUpdate({ _id: 'a', v: 1 }, { $max: { v: 'x' } }, false)).toThrow(/different types/);
  });

  it('pushes, adds to sets and pulls by value', () => {
    const document = { _id: 'a', list: [1], tags: ['x'], ids: ['c-1', 'c-2', 'c-1'] };
    expect(
      applyUpdate(
        document,
        { $push: { list: { $each: [2, 2] } }, $addToSet: { tags: { $each: ['x', 'y', { k: 1 }] } }, $pull: { ids: 'c-1' } },
        false,
      ),
    ).toEqual({ _id: 'a', list: [1, 2, 2], tags: ['x', 'y', { k: 1 }], ids: ['c-2'] });
    expect(applyUpdate({ _id: 'a', tags: [{ k: 1 }] }, { $addToSet: { tags: { k: 1 } } }, false)).toEqual({ _id: 'a', tags: [{ k: 1 }] });
    expect(applyUpdate({ _id: 'a' }, { $pull: { ids: 'x' } }, false)).toEqual({ _id: 'a' });
    expect(() => applyUpdate({ _id: 'a', list: 3 }, { $push: { list: 4 } }, false)).toThrow(UpdateConflictError);
    expect(() => applyUpdate({ _id: 'a' }, { $pull: { ids: { $in: ['x'] } } }, false)).toThrow(/plain values/);
    expect(() => applyUpdate({ _id: 'a' }, { $push: { ids: { $each: [1], $slice: 2 } } }, false)).toThrow(/\$each/);
  });

  it('unsets nested fields and ignores missing ones', () => {
    expect(applyUpdate({ _id: 'a', contact: { phone: '1', email: 'e' } }, { $unset: { 'contact.phone': '', fax: '' } }, false)).toEqual({
      _id: 'a',
      contact: { email: 'e' },
    });
  });

  it('refuses to touch a path and its prefix in one update, as MongoDB does', () => {
    expect(() => applyUpdate({ _id: 'a' }, { $set: { a: {} }, $inc: { 'a.b': 1 } }, false)).toThrow(/conflict/);
    expect(() => applyUpdate({ _id: 'a', a: 1 }, { $set: { 'a.b': 1 } }, false)).toThrow(/not a document/);
    expect(() => applyUpdate({ _id: 'a' }, { $set: { 'a.b.c': 1 }, $unset: { 'a.b': '' } }, false)).toThrow(/conflict at 'a.b.c'/);
    // A shared beginning is not a prefix unless a dot follows it.
    expect(applyUpdate({ _id: 'a' }, { $set: { ab: 1, 'a.b': 2, 'a.bc': 3 } }, false)).toEqual({ _id: 'a', ab: 1, a: { b: 2, bc: 3 } });
  });

  it('walks deep paths for every operator, and stops at a field that is not a document', () => {
    const document = { _id: 'a', x: { y: { z: 1, list: [1], gone: true } }, leaf: 5 };
    expect(
      applyUpdate(document, { $inc: { 'x.y.z': 2 }, $push: { 'x.y.list': 2 }, $unset: { 'x.y.gone': '', 'leaf.inner': '' }, $max: { 'x.w.v': 4 } }, false),
    ).toEqual({ _id: 'a', x: { y: { z: 3, list: [1, 2] }, w: { v: 4 } }, leaf: 5 });
  });

  it('leaves the input document untouched', () => {
    const document = { _id: 'a', list: [1], nested: { n: 1 } };
    applyUpdate(document, { $push: { list: 2 }, $inc: { 'nested.n': 1 } }, false);
    expect(document).toEqual({ _id: 'a', list: [1], nested: { n: 1 } });
  });
});
