import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { assertNever, sortedKeyJson } from '@training-ledger/decider';
import { IdempotencyKeyNotClaimedError, type IdempotencyKeyAnswer } from '@training-ledger/event-store';
import { ProblemException, PROBLEM_TYPES } from '../problem-details/problem-details';

/** What a write answered the first time, replayed to retries. */
export interface IdempotentResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

export type IdempotencyBegin<TResponse = IdempotentResponse> =
  /** First time this key is seen: do the work, then `complete`. */
  | { readonly state: 'new' }
  /** Same key, same request, already done: answer with the first response. */
  | { readonly state: 'replay'; readonly response: TResponse }
  /** Same key, different request: refuse (422). */
  | { readonly state: 'mismatch' }
  /** Same key, same request, still being processed by another call: ask the caller to retry later (409). */
  | { readonly state: 'in-progress' };

/**
 * Idempotency keys for HTTP writes. `scope` separates keys of different callers or endpoints
 * (e.g. `enrolment:bulk:agency-BTC`), so one caller's key never collides with another's.
 */
export interface IdempotencyStore<TResponse = IdempotentResponse> {
  begin(key: string, scope: string, requestHash: string): Promise<IdempotencyBegin<TResponse>>;
  complete(key: string, scope: string, response: TResponse): Promise<void>;
  /** Forget a key whose request failed before it had a definite answer, so that a retry runs again. */
  abandon(key: string, scope: string): Promise<void>;
  /**
   * Keeps a begun key claimed while its request runs. A claim nobody keeps any more (its process
   * died mid-request) lapses soon, and a retry of the same request takes it over and runs it again.
   */
  hold(key: string, scope: string): IdempotencyClaim;
  /**
   * The key completed with `response`, for the append that answers the request to write with its
   * events, in one transaction. Only a store in the event log's own database has it.
   */
  answerInAppend?(key: string, scope: string, response: TResponse): IdempotencyKeyAnswer;
}

/**
 * What a request's work may do with its key: have the append that answers the request complete the
 * key with its events, and say that it did, so that the key is not completed a second time.
 */
/** A begun key held while its request runs. */
export interface IdempotencyClaim {
  /** Stops renewing, once a renewal in flight has landed: none may land after the key's answer. */
  release(): Promise<void>;
}

/**
 * A claim renewed every `intervalMs` until released, one renewal at a time. On FerretDB 1.x an
 * update reads the record and writes it back whole, so a renewal still in flight when the request
 * completes could write the key back as pending, and a retry would run the request again.
 */
export function claimRenewedEvery(intervalMs: number, renew: () => Promise<unknown>): IdempotencyClaim {
  let inFlight: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    inFlight ??= renew()
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
  }, Math.max(1, Math.floor(intervalMs)));
  timer.unref();
  return {
    release: async () => {
      clearInterval(timer);
      await inFlight;
    },
  };
}

export interface KeyCompletion<TResponse> {
  /** The key with `response`, for the append to complete; undefined when the key is completed after the work. */
  answeredBy(response: TResponse): IdempotencyKeyAnswer | undefined;
  /** An append completed the key with its events. */
  completedWithEvents(): void;
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;

/** Documents the Idempotency-Key a bulk write must carry, in the form `assertIdempotencyKey` accepts. */
export function ApiIdempotencyKey(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Retries with the same key return the first result',
    schema: { type: 'string', pattern: ACCEPTABLE_KEY.source },
  });
}

export function assertIdempotencyKey(key: string): void {
  if (!ACCEPTABLE_KEY.test(key)) {
    throw new ProblemException({
      type: 'about:blank',
      status: 400,
      detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
      errors: [{ field: IDEMPOTENCY_KEY_HEADER, reason: 'must be 1 to 255 visible ASCII characters' }],
    });
  }
}

/**
 * The Idempotency-Key a bulk write must carry, checked; a missing key is a 400 that says why it
 * matters, in the words of `purpose` (e.g. "so that a retry never nominates twice").
 */
export function requireIdempotencyKey(key: string | undefined, purpose: string): string {
  if (key === undefined) {
    throw new ProblemException({
      type: 'about:blank',
      status: 400,
      detail: `Send an Idempotency-Key header with this request, ${purpose}`,
      errors: [{ field: IDEMPOTENCY_KEY_HEADER, reason: 'is required' }],
    });
  }
  assertIdempotencyKey(key);
  return key;
}

/** SHA-256 of the request in canonical JSON: object keys sorted, so key order does not make two requests differ. */
export function hashRequest(request: unknown): string {
  return createHash('sha256').update(sortedKeyJson(request)).digest('hex');
}

/**
 * An id in the shape of a UUID that the same parts (an Idempotency-Key and what names an item of its
 * request) always give again: an item the caller sent without an id of its own is recorded under the
 * same id when the request is retried, so the retry finds it recorded instead of recording it twice.
 */
export function keyDerivedUuid(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function idempotencyKeyReuseProblem(): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.idempotencyKeyReuse,
    status: 422,
    detail: 'This Idempotency-Key was already used with a different request',
  });
}

export function idempotencyInProgressProblem(): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.idempotencyKeyReuse,
    status: 409,
    detail: 'A request with this Idempotency-Key is still being processed; retry later',
  });
}

export interface IdempotentWrite {
  readonly key: string;
  readonly scope: string;
  /** What makes two requests the same: usually the parsed body plus the route parameters. */
  readonly request: unknown;
}

/**
 * Runs `work` once per key: a retry with the same request gets the first response back, a different
 * request under the same key is refused with 422, and a retry while the first is still running with 409.
 * A failure forgets the key, since a failed write has no answer worth replaying. Where the store
 * allows it, the work's append completes the key with its events (`KeyCompletion`), so a process
 * that dies after the append leaves the key answered, not events without an answer.
 */
export async function executeIdempotently<TResponse>(
  store: IdempotencyStore<TResponse>,
  write: IdempotentWrite,
  work: (completion: KeyCompletion<TResponse>) => Promise<TResponse>,
): Promise<TResponse> {
  const started = await store.begin(write.key, write.scope, hashRequest(write.request));
  switch (started.state) {
    case 'replay':
      return started.response;
    case 'mismatch':
      throw idempotencyKeyReuseProblem();
    case 'in-progress':
      throw idempotencyInProgressProblem();
    case 'new':
      break;
    default:
      return assertNever(started, 'idempotency state');
  }
  const claim = store.hold(write.key, write.scope);
  let completedWithEvents = false;
  const completion: KeyCompletion<TResponse> = {
    answeredBy: (response) => store.answerInAppend?.(write.key, write.scope, response),
    completedWithEvents: () => {
      completedWithEvents = true;
    },
  };
  let response: TResponse;
  try {
    response = await work(completion);
  } catch (error) {
    await store.abandon(write.key, write.scope);
    // The claim lapsed and another attempt of the same request took the key over meanwhile.
    if (error instanceof IdempotencyKeyNotClaimedError) throw idempotencyInProgressProblem();
    throw error;
  } finally {
    await claim.release();
  }
  if (!completedWithEvents) await store.complete(write.key, write.scope, response);
  return response;
}
