/** A Kafka offset as a bigint, from a bigint or a decimal string; anything else is refused. */
export function parseOffset(offset: bigint | string): bigint {
  if (typeof offset === 'bigint') {
    if (offset < 0n) throw new RangeError(`offset ${offset} is negative`);
    return offset;
  }
  if (typeof offset === 'string' ? !isDecimalOffset(offset) : !/^(0|[1-9]\d*)$/.test(offset)) {
    throw new RangeError(`offset "${offset}" is not a decimal number without leading zeros`);
  }
  return BigInt(offset);
}

/** `/^(0|[1-9]\d*)$/`, character by character: this runs for every archived event read. */
export function isDecimalOffset(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  const first = text.charCodeAt(0);
  if (first === 48) return length === 1;
  if (first < 49 || first > 57) return false;
  for (let index = 1; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** An offset written in decimal, as `parseOffset(offset).toString()`, without a bigint for decimal text. */
export function offsetText(offset: bigint | string): string {
  return typeof offset === 'string' && isDecimalOffset(offset) ? offset : parseOffset(offset).toString();
}

/** Compares two offsets written in decimal without leading zeros: the longer is the larger. */
export function compareOffsetTexts(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function isPartitionNumber(partition: unknown): partition is number {
  return typeof partition === 'number' && Number.isSafeInteger(partition) && partition >= 0;
}

/** Topic, then partition, then offset: the one order of events that does not depend on how partitions were interleaved. */
export function comparePositions(
  a: { readonly topic: string; readonly partition: number; readonly offset: bigint },
  b: { readonly topic: string; readonly partition: number; readonly offset: bigint },
): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  if (a.offset === b.offset) return 0;
  return a.offset < b.offset ? -1 : 1;
}
