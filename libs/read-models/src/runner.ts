import { advanceCheckpoint, type CheckpointPosition, type ProjectionCheckpoint } from './checkpoint';
import type { ProjectableEvent } from './projectable-event';
import { type Projection, ProjectionDefinitionError, ProjectionHandlerError } from './projection';
import type { Projector } from './projector';

/**
 * Opens the projection's feed after a checkpoint (from the start when null). The feed stops
 * when `signal` aborts; a finite feed simply ends when it has caught up.
 */
export type EventSourceFactory = (from: CheckpointPosition | null, signal: AbortSignal) => AsyncIterable<ProjectableEvent>;

export interface ProjectionRunnerOptions {
  readonly source: EventSourceFactory;
  /**
   * A feed that ends once caught up, used to rebuild when the stored version is older than the
   * projection's. Without it, a version change stops the runner with ProjectionRebuildRequiredError.
   */
  readonly replaySource?: EventSourceFactory;
  readonly batchSize?: number;
  /** A partial batch is written once the feed has been quiet this long. */
  readonly maxBatchDelayMs?: number;
  readonly checkpointEveryEvents?: number;
  readonly checkpointEveryMs?: number;
  /** Write attempts per batch before the runner fails; writes are guarded, so retrying is safe. */
  readonly maxWriteAttempts?: number;
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown, attempt: number) => void;
  /**
   * Where an event the projection's handler fails on is recorded before the runner goes on without
   * it; without this, such an event stops the runner.
   */
  readonly setAside?: (event: ProjectableEvent, reason: string) => Promise<void>;
}

export type RunnerState = 'idle' | 'starting' | 'rebuilding' | 'running' | 'stopping' | 'stopped' | 'completed' | 'failed';

export interface ProjectionRunnerStatus {
  readonly projection: string;
  readonly version: number;
  readonly state: RunnerState;
  readonly collection: string | null;
  /** Position of the last event written. */
  readonly position: CheckpointPosition | null;
  /** Position of the last checkpoint saved. */
  readonly checkpointedPosition: CheckpointPosition | null;
  readonly eventsProcessed: number;
  readonly writesApplied: number;
  readonly writesAlreadyApplied: number;
  /** Events the handler failed on, recorded through `setAside` and skipped. */
  readonly eventsSetAside: number;
  readonly lastCheckpointAt: Date | null;
  readonly error: string | null;
}

export type RunOutcome = 'source-ended' | 'stopped';

export class ProjectionRebuildRequiredError extends Error {
  override readonly name = 'ProjectionRebuildRequiredError';
  constructor(
    readonly projection: string,
    readonly storedVersion: number,
    readonly version: number,
  ) {
    super(`Projection ${projection} is stored at version ${storedVersion}; version ${version} needs a rebuild`);
  }
}

export class ProjectionSupersededError extends Error {
  override readonly name = 'ProjectionSupersededError';
  constructor(
    readonly projection: string,
    readonly storedVersion: number,
    readonly version: number,
  ) {
    super(`Projection ${projection} is already at version ${storedVersion}; this runner has version ${version}`);
  }
}

type NextOrSignal = IteratorResult<ProjectableEvent> | 'quiet' | 'stop';

/** Feeds one projection from its source: batched guarded writes, periodic checkpoints, graceful stop. */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly maxBatchDelayMs: number;
  private readonly checkpointEveryEvents: number;
  private readonly checkpointEveryMs: number;
  private readonly maxWriteAttempts: number;
  private readonly retryDelayMs: number;

  private state: RunnerState = 'idle';
  private collection: string | null = null;
  private position: CheckpointPosition | null = null;
  private checkpointedPosition: CheckpointPosition | null = null;
  private eventsProcessed = 0;
  private writesApplied = 0;
  private writesAlreadyApplied = 0;
  private eventsSetAside = 0;
  private lastCheckpointAt: Date | null = null;
  private error: string | null = null;
  private stopController = new AbortController();
  private running: Promise<RunOutcome> | null = null;

  constructor(
    private readonly projector: Projector,
    private readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.batchSize = positive(options.batchSize ?? 200, 'batchSize');
    this.maxBatchDelayMs = positive(options.maxBatchDelayMs ?? 50, 'maxBatchDelayMs');
    this.checkpointEveryEvents = positive(options.checkpointEveryEvents ?? 1_000, 'checkpointEveryEvents');
    this.checkpointEveryMs = positive(options.checkpointEveryMs ?? 1_000, 'checkpointEveryMs');
    this.maxWriteAttempts = positive(options.maxWriteAttempts ?? 5, 'maxWriteAttempts');
    this.retryDelayMs = positive(options.retryDelayMs ?? 200, 'retryDelayMs');
  }

  /** Runs until the source ends or `stop()` is called; rejects when the runner fails. */
  run(): Promise<RunOutcome> {
    if (this.running) throw new Error(`Runner of ${this.projection.name} is already running`);
    this.stopController = new AbortController();
    this.error = null;
    this.state = 'starting';
    this.running = this.loop().then(
      (outcome) => {
        this.state = outcome === 'stopped' ? 'stopped' : 'completed';
        this.running = null;
        return outcome;
      },
      (error: unknown) => {
        this.state = 'failed';
        this.error = error instanceof Error ? error.message : String(error);
        this.running = null;
        throw error;
      },
    );
    return this.running;
  }

  /** Writes what has been read, saves the checkpoint and closes the source. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.state = 'stopping';
    this.stopController.abort();
    await running.catch(() => undefined);
  }

  status(): ProjectionRunnerStatus {
    return {
      projection: this.projection.name,
      version: this.projection.version,
      state: this.state,
      collection: this.collection,
      position: this.position,
      checkpointedPosition: this.checkpointedPosition,
      eventsProcessed: this.eventsProcessed,
      writesApplied: this.writesApplied,
      writesAlreadyApplied: this.writesAlreadyApplied,
      eventsSetAside: this.eventsSetAside,
      lastCheckpointAt: this.lastCheckpointAt,
      error: this.error,
    };
  }

  private async loop(): Promise<RunOutcome> {
    for (;;) {
      if (this.stopController.signal.aborted) return 'stopped';
      const checkpoint = await this.prepare();
      if (!checkpoint) return 'stopped';
      const outcome = await this.consume(checkpoint);
      if (outcome !== 'superseded') return outcome;
    }
  }

  private async prepare(): Promise<ProjectionCheckpoint | null> {
    const { projection } = this;
    const checkpoint = await this.projector.initialize(projection);
    if (checkpoint.version > projection.version) {
      throw new ProjectionSupersededError(projection.name, checkpoint.version, projection.version);
    }
    if (checkpoint.version === projection.version) return this.prepareChecked(checkpoint);
    if (!this.options.replaySource) {
      throw new ProjectionRebuildRequiredError(projection.name, checkpoint.version, projection.version);
    }
    this.state = 'rebuilding';
    const signal = this.stopController.signal;
    try {
      // The rebuild folds its own, larger batches: nothing of it is visible before the switch.
      await this.projector.rebuild(projection, this.options.replaySource(null, signal), {
        signal,
        onProgress: ({ position }) => {
          this.position = position;
        },
      });
    } catch (error) {
      if (signal.aborted) return null;
      throw error;
    }
    const rebuilt = await this.projector.loadCheckpoint(projection.name);
    if (!rebuilt) throw new Error(`Rebuild of ${projection.name} left no checkpoint`);
    return this.prepareChecked(rebuilt);
  }

  private prepareChecked(checkpoint: ProjectionCheckpoint): ProjectionCheckpoint {
    if (checkpoint.version !== this.projection.version) {
      throw new ProjectionSupersededError(this.projection.name, checkpoint.version, this.projection.version);
    }
    this.collection = checkpoint.collection;
    this.position = checkpoint.position;
    this.checkpointedPosition = checkpoint.position;
    this.state = 'running';
    return checkpoint;
  }

  private async consume(checkpoint: ProjectionCheckpoint): Promise<RunOutcome | 'superseded'> {
    const feedController = new AbortController();
    const stopSignal = this.stopController.signal;
    const forwardStop = (): void => feedController.abort();
    stopSignal.addEventListener('abort', forwardStop, { once: true });
    const iterator = this.options.source(checkpoint.position, feedController.signal)[Symbol.asyncIterator]();

    let batch: ProjectableEvent[] = [];
    let eventsSinceCheckpoint = 0;
    let lastCheckpointMs = Date.now();
    let pending: Promise<IteratorResult<ProjectableEvent>> | null = null;

    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const written = batch;
      batch = [];
      await this.write(checkpoint.collection, written);
      for (const event of written) this.position = advanceCheckpoint(this.position, event.feedPosition);
      this.eventsProcessed += written.length;
      eventsSinceCheckpoint += written.length;
    };
    const saveIfDue = async (force: boolean): Promise<boolean> => {
      const due =
        force || eventsSinceCheckpoint >= this.checkpointEveryEvents || Date.now() - lastCheckpointMs >= this.checkpointEveryMs;
      if (!due || eventsSinceCheckpoint === 0) return true;
      const saved = await this.projector.saveCheckpoint({
        projection: this.projection.name,
        version: this.projection.version,
        collection: checkpoint.collection,
        position: this.position,
      });
      if (!saved) return false;
      this.checkpointedPosition = this.position;
      this.lastCheckpointAt = new Date();
      eventsSinceCheckpoint = 0;
      lastCheckpointMs = Date.now();
      return true;
    };

    try {
      for (;;) {
        pending ??= iterator.next();
        // Wake up to write a partial batch, or to checkpoint work already written while the feed is idle.
        const quietAfterMs =
          batch.length > 0
            ? this.maxBatchDelayMs
            : eventsSinceCheckpoint > 0
              ? Math.max(0, lastCheckpointMs + this.checkpointEveryMs - Date.now())
              : null;
        const quiet = quietAfterMs === null ? null : timer(quietAfterMs);
        const stopped = untilAborted(stopSignal);
        let next: NextOrSignal;
        try {
          next = await Promise.race([pending, stopped.aborted, ...(quiet ? [quiet.elapsed.then(() => 'quiet' as const)] : [])]);
        } finally {
          quiet?.cancel();
          stopped.dispose();
        }
        if (next === 'stop') break;
        if (next === 'quiet') {
          await flush();
          if (!(await saveIfDue(false))) return 'superseded';
          continue;
        }
        pending = null;
        if (next.done) {
          await flush();
          if (!(await saveIfDue(true))) return 'superseded';
          // A live feed also ends when the stop signal closes it.
          return stopSignal.aborted ? 'stopped' : 'source-ended';
        }
        batch.push(next.value);
        if (batch.length >= this.batchSize) {
          await flush();
          if (!(await saveIfDue(false))) return 'superseded';
        }
      }
      await flush();
      return (await saveIfDue(true)) ? 'stopped' : 'superseded';
    } finally {
      stopSignal.removeEventListener('abort', forwardStop);
      feedController.abort();
      // A generator suspended inside its own await cannot take `return` until it resumes;
      // the aborted signal is what ends it, so this is not awaited.
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
      pending?.catch(() => undefined);
    }
  }

  private async write(collection: string, events: readonly ProjectableEvent[]): Promise<void> {
    let writable = events;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.projector.applyTo(collection, this.projection, writable);
        this.writesApplied += result.applied;
        this.writesAlreadyApplied += result.alreadyApplied;
        return;
      } catch (error) {
        if (error instanceof ProjectionHandlerError && this.options.setAside) {
          // One event the handler cannot take must not stop the read model: it is recorded, and the rest written.
          await this.options.setAside(error.event, error.message);
          this.eventsSetAside += 1;
          writable = writable.filter((event) => event.eventId !== error.event.eventId);
          if (writable.length === 0) return;
          attempt = 0;
          continue;
        }
        const permanent = error instanceof ProjectionHandlerError || error instanceof ProjectionDefinitionError;
        if (permanent || attempt >= this.maxWriteAttempts) throw error;
        this.options.onError?.(error, attempt);
        await delay(this.retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }
}

function timer(ms: number): { elapsed: Promise<void>; cancel(): void } {
  let handle: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    handle = setTimeout(resolve, ms);
  });
  return { elapsed, cancel: () => clearTimeout(handle) };
}

/**
 * Settles with 'stop' once the signal aborts, for one race. A promise that lives as long as the
 * runner and is raced once per event would keep every race, and the event it settled with, for as
 * long as it lives: one is made per race and detached after it.
 */
function untilAborted(signal: AbortSignal): { readonly aborted: Promise<'stop'>; dispose(): void } {
  if (signal.aborted) return { aborted: Promise.resolve('stop'), dispose: () => undefined };
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<'stop'>((resolve) => {
    onAbort = () => resolve('stop');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return { aborted, dispose: () => signal.removeEventListener('abort', onAbort) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be a positive number`);
  return value;
}
