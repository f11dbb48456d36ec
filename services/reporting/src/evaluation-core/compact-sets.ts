/*
 * Sets and indexes over typed arrays, for what an evaluation must remember of every event it folds
 * (each event id, each attendance mark): a few bytes an entry instead of a JavaScript object or
 * string each, so that a fold over millions of events stays within a small, predictable heap.
 */

const EMPTY = -1;
const encoder = new TextEncoder();

/**
 * Strings kept once each, as UTF-8 bytes in one buffer, for exact membership. The table holds each
 * entry's number in one array and eight bits of its hash in another (five bytes a slot, filled up
 * to three quarters), so that a probe compares bytes only when those bits agree.
 */
export class CompactStringSet {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private starts = new Int32Array(1 << 10);
  /** Each slot's entry, EMPTY where the slot is free. */
  private slots = new Int32Array(1 << 11).fill(EMPTY);
  private tags = new Uint8Array(1 << 11);
  private scratch = new Uint8Array(256);
  size = 0;

  /** Adds the string; false when it was already there. */
  add(text: string): boolean {
    const length = this.encode(text);
    const hash = fnv1a(this.scratch, 0, length);
    const tag = tagOf(hash);
    const { slots, tags } = this;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const entry = slots[slot];
      if (entry === EMPTY) break;
      if (tags[slot] === tag && this.holds(entry, length)) return false;
    }
    this.store(length);
    slots[slot] = this.size - 1;
    tags[slot] = tag;
    if (this.size * 4 > slots.length * 3) this.rehash(slots.length * 2);
    return true;
  }

  private rehash(capacity: number): void {
    const slots = new Int32Array(capacity).fill(EMPTY);
    const tags = new Uint8Array(capacity);
    const mask = capacity - 1;
    for (let entry = 0; entry < this.size; entry += 1) {
      const start = this.starts[entry];
      const end = entry + 1 < this.size ? this.starts[entry + 1] : this.used;
      const hash = fnv1a(this.bytes, start, end);
      let slot = hash & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = entry;
      tags[slot] = tagOf(hash);
    }
    this.slots = slots;
    this.tags = tags;
  }

  /**
   * The string's bytes into the scratch buffer: a UUID in its canonical lower-case form (as event
   * ids are) as its 16 bytes after a tag byte that UTF-8 never holds, anything else as UTF-8, a
   * character at a time while it is ASCII.
   */
  private encode(text: string): number {
    if (text.length === UUID_LENGTH && packUuid(text, this.scratch)) return PACKED_UUID_LENGTH;
    const length = text.length;
    if (this.scratch.length < length * 3) this.scratch = new Uint8Array(length * 3);
    const scratch = this.scratch;
    for (let index = 0; index < length; index += 1) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) return encoder.encodeInto(text, scratch).written;
      scratch[index] = code;
    }
    return length;
  }

  private holds(entry: number, length: number): boolean {
    const start = this.starts[entry];
    const end = entry + 1 < this.size ? this.starts[entry + 1] : this.used;
    if (end - start !== length) return false;
    for (let index = 0; index < length; index += 1) if (this.bytes[start + index] !== this.scratch[index]) return false;
    return true;
  }

  private store(length: number): void {
    if (this.used + length > this.bytes.length) this.bytes = grown(this.bytes, this.used + length);
    if (this.size === this.starts.length) this.starts = grown(this.starts, this.size + 1);
    const { bytes, scratch, used } = this;
    for (let index = 0; index < length; index += 1) bytes[used + index] = scratch[index];
    this.starts[this.size] = used;
    this.used += length;
    this.size += 1;
  }
}

const UUID_LENGTH = 36;
const PACKED_UUID_LENGTH = 17;
/** 0xFF begins no UTF-8 sequence: a packed UUID cannot equal any string's UTF-8 bytes. */
const PACKED_UUID_TAG = 0xff;

/** Where each byte's two hex digits begin in `8-4-4-4-12`, and where the hyphens stand. */
const UUID_BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const UUID_HYPHEN_AT = [8, 13, 18, 23];

/** Packs a lower-case UUID into the tag and its 16 bytes; false for any other text, leaving `into` to be overwritten. */
function packUuid(text: string, into: Uint8Array): boolean {
  for (const at of UUID_HYPHEN_AT) if (text.charCodeAt(at) !== 0x2d) return false;
  into[0] = PACKED_UUID_TAG;
  for (let byte = 0; byte < UUID_BYTE_AT.length; byte += 1) {
    const high = lowerHexValue(text.charCodeAt(UUID_BYTE_AT[byte]));
    const low = lowerHexValue(text.charCodeAt(UUID_BYTE_AT[byte] + 1));
    if (high < 0 || low < 0) return false;
    into[byte + 1] = (high << 4) | low;
  }
  return true;
}

function lowerHexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** Dense numbers 0, 1, 2… for triples of non-negative integers, in the order they were first seen; its table is filled up to three quarters. */
export class TripleIndex {
  private keys = new Int32Array(3 << 10);
  private slots = new Int32Array(1 << 11).fill(EMPTY);
  size = 0;

  /** The triple's number, given it the first time the triple is seen. */
  numberOf(a: number, b: number, c: number): number {
    const hash = tripleHash(a, b, c);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === EMPTY) break;
      if (this.keys[entry * 3] === a && this.keys[entry * 3 + 1] === b && this.keys[entry * 3 + 2] === c) return entry;
    }
    const entry = this.size;
    if ((entry + 1) * 3 > this.keys.length) this.keys = grown(this.keys, (entry + 1) * 3);
    this.keys[entry * 3] = a;
    this.keys[entry * 3 + 1] = b;
    this.keys[entry * 3 + 2] = c;
    this.size += 1;
    if (this.size * 4 > this.slots.length * 3) {
      this.slots = rehashed(this.slots.length * 2, this.size, (n) => tripleHash(this.keys[n * 3], this.keys[n * 3 + 1], this.keys[n * 3 + 2]));
    } else place(this.slots, hash, entry);
    return entry;
  }

  /** The triple numbered `entry`, one part at a time (0, 1, 2). */
  part(entry: number, which: 0 | 1 | 2): number {
    return this.keys[entry * 3 + which];
  }
}

/**
 * Strings numbered in the order first seen, each kept once: ids that recur across many events.
 * The last string asked for is answered without hashing it: marks come in long runs of one run and
 * one session.
 */
export class Interned {
  private readonly numbers = new Map<string, number>();
  readonly values: string[] = [];
  private lastValue: string | null = null;
  private lastNumber = -1;

  numberOf(value: string): number {
    if (value === this.lastValue) return this.lastNumber;
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.numbers.set(value, number);
      this.values.push(value);
    }
    this.lastValue = value;
    this.lastNumber = number;
    return number;
  }

  /** The one kept copy of an equal string, so that facts held for long share their strings. */
  canonical(value: string): string {
    return this.values[this.numberOf(value)];
  }
}

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;

export function grown<T extends TypedArray>(array: T, needed: number): T {
  let length = Math.max(array.length, 16);
  while (length < needed) length *= 2;
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}

function rehashed(capacity: number, size: number, hashOf: (entry: number) => number): Int32Array<ArrayBuffer> {
  const slots = new Int32Array(capacity).fill(EMPTY);
  for (let entry = 0; entry < size; entry += 1) place(slots, hashOf(entry), entry);
  return slots;
}

function place(slots: Int32Array, hash: number, entry: number): void {
  const mask = slots.length - 1;
  let slot = hash & mask;
  while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
  slots[slot] = entry;
}

function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index += 1) hash = Math.imul(hash ^ bytes[index], 0x01000193);
  return mix(hash);
}

/** Eight bits of the hash above those that pick the slot in any table smaller than 2^23 slots. */
function tagOf(hash: number): number {
  return (hash >>> 23) & 0xff;
}

function tripleHash(a: number, b: number, c: number): number {
  return mix(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d));
}

/** Spreads the low bits, which pick the slot. */
function mix(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x7feb352d);
  mixed ^= mixed >>> 15;
  return mixed & 0x7fffffff;
}
