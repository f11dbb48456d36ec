import type { AttendanceStatus } from '@training-ledger/contracts';

/** One value a key took, with the version of the sheet that wrote it and the value it replaced. */
interface Entry<TValue> {
  readonly version: number;
  readonly value: TValue;
  readonly earlier: Entry<TValue> | undefined;
}

/** The entries every version of one sheet wrote; `head` is the newest version written. */
interface SharedEntries<TMark> {
  readonly marks: Map<string, Entry<TMark>>;
  readonly statuses: Map<string, Entry<AttendanceStatus>>;
  head: number;
}

function visible<TValue>(entry: Entry<TValue> | undefined, version: number): Entry<TValue> | undefined {
  let seen = entry;
  while (seen !== undefined && seen.version > version) seen = seen.earlier;
  return seen;
}

function entriesUpTo<TValue>(entries: ReadonlyMap<string, Entry<TValue>>, version: number): Map<string, Entry<TValue>> {
  const kept = new Map<string, Entry<TValue>>();
  for (const [key, entry] of entries) {
    const seen = visible(entry, version);
    if (seen !== undefined) kept.set(key, seen);
  }
  return kept;
}

/**
 * The marks and statuses of a sheet as an immutable value that grows without being copied: every
 * sheet sees only what was written up to its own version. The newest sheet adds in place, one map
 * entry per mark, where a copy per mark would cost the whole sheet; an older sheet that is written
 * again (a posting decided anew after a concurrent append) first copies what it sees, so no sheet
 * ever sees the writes of another.
 */
export class MarkSheet<TMark> {
  private constructor(
    private readonly shared: SharedEntries<TMark>,
    private readonly version: number,
    /** How many marks the sheet holds. */
    readonly markCount: number,
  ) {}

  static empty<TMark>(): MarkSheet<TMark> {
    return new MarkSheet<TMark>({ marks: new Map(), statuses: new Map(), head: 0 }, 0, 0);
  }

  mark(key: string): TMark | undefined {
    return visible(this.shared.marks.get(key), this.version)?.value;
  }

  status(key: string): AttendanceStatus | undefined {
    return visible(this.shared.statuses.get(key), this.version)?.value;
  }

  /** The sheet with a mark added under `markKey` and its status in force under `statusKey`. */
  withMark(markKey: string, mark: TMark, statusKey: string, status: AttendanceStatus): MarkSheet<TMark> {
    const shared = this.writable();
    const version = this.version + 1;
    const earlierMark = shared.marks.get(markKey);
    shared.marks.set(markKey, { version, value: mark, earlier: earlierMark });
    shared.statuses.set(statusKey, { version, value: status, earlier: shared.statuses.get(statusKey) });
    shared.head = version;
    return new MarkSheet(shared, version, earlierMark === undefined ? this.markCount + 1 : this.markCount);
  }

  /** The sheet with another status in force under `statusKey`. */
  withStatus(statusKey: string, status: AttendanceStatus): MarkSheet<TMark> {
    const shared = this.writable();
    const version = this.version + 1;
    shared.statuses.set(statusKey, { version, value: status, earlier: shared.statuses.get(statusKey) });
    shared.head = version;
    return new MarkSheet(shared, version, this.markCount);
  }

  private writable(): SharedEntries<TMark> {
    if (this.shared.head === this.version) return this.shared;
    return {
      marks: entriesUpTo(this.shared.marks, this.version),
      statuses: entriesUpTo(this.shared.statuses, this.version),
      head: this.version,
    };
  }
}
