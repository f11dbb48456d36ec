/** A Kafka offset as a bigint, from a bigint or a decimal string; anything else is refused. */
export function parseOffset(offset: bigint | string): bigint {
  if (typeof offset === 'bigint') {
    if (offset < 0n) throw new RangeError(`offset ${offset} is negative`);
    return offset;
  }
  if (!/^(0|[1-9]\d*)$/.test(offset)) throw new RangeError(`offset "${offset}" is not a decimal number without leading zeros`);
  return BigInt(offset);
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
