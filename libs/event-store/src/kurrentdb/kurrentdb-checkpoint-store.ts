import {
  BACKWARDS,
  END,
  ErrorType,
  NO_STREAM,
  jsonEvent,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import { isKurrentError } from './kurrentdb-errors';
import { parseGlobalPosition, type GlobalPosition } from '../global-position';
import type { CheckpointStore } from '../port';

/** `$`-types are system events: reads of the domain log leave them out. */
const CHECKPOINT_EVENT_TYPE = '$checkpoint';
const MAX_SAVE_ATTEMPTS = 5;

interface StoredCheckpoint {
  readonly position: GlobalPosition;
  readonly revision: bigint;
}

/**
 * One stream per checkpoint, holding its latest position as its last event. The stream's
 * `$maxCount` of 1 lets scavenging drop the older ones. Saves are conditional on the revision
 * read, so a concurrent save can never put the checkpoint back.
 */
export class KurrentDbCheckpointStore implements CheckpointStore {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly streamPrefix = 'checkpoint-',
  ) {}

  async load(name: string): Promise<GlobalPosition | null> {
    return (await this.read(this.streamOf(name)))?.position ?? null;
  }

  async save(name: string, position: GlobalPosition): Promise<void> {
    const streamName = this.streamOf(name);
    const event = jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: parseGlobalPosition(position) } });
    for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt += 1) {
      const current = await this.read(streamName);
      if (current && current.position >= position) return;
      try {
        await this.client.appendToStream(streamName, event, { streamState: current?.revision ?? NO_STREAM });
        if (!current) await this.client.setStreamMetadata(streamName, { maxCount: 1 });
        return;
      } catch (error) {
        if (!isKurrentError(error, ErrorType.WRONG_EXPECTED_VERSION)) throw error;
      }
    }
    throw new Error(`Checkpoint ${name}: gave up after ${MAX_SAVE_ATTEMPTS} concurrent saves`);
  }

  private streamOf(name: string): string {
    return `${this.streamPrefix}${name}`;
  }

  private async read(streamName: string): Promise<StoredCheckpoint | null> {
    try {
      for await (const { event } of this.client.readStream<{ type: string; data: { position: string } }>(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        if (event) return { position: parseGlobalPosition(event.data.position), revision: event.revision };
      }
      return null;
    } catch (error) {
      if (isKurrentError(error, ErrorType.STREAM_NOT_FOUND)) return null;
      throw error;
    }
  }
}
