import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readInstant } from '@training-ledger/contracts';

export const SIMULATED_NOW_HEADER = 'x-simulated-now';

const simulatedNow = new AsyncLocalStorage<Date>();

/**
 * Now, as the domain sees it: the real clock, except inside a request of a service in simulation
 * mode that states the simulated time of the programme it plays (2026–2031).
 */
export function currentTime(): Date {
  return simulatedNow.getStore() ?? new Date();
}

/** Runs `work` at a simulated time: for consumers and jobs of a service in simulation mode. */
export function atSimulatedTime<T>(now: Date, work: () => T): T {
  return simulatedNow.run(now, work);
}

/**
 * Express middleware of simulation mode only: a request carrying `X-Simulated-Now` runs at that
 * instant. A malformed value is refused with 400 rather than silently taken as the real time.
 */
export function simulatedTimeMiddleware(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const stated = statedTime(request);
  if (stated === undefined) {
    next();
    return;
  }
  const reading = readInstant(stated);
  if (reading.kind === 'refused') {
    refuse(response, `${SIMULATED_NOW_HEADER} ${reading.reason}`);
    return;
  }
  simulatedNow.run(new Date(reading.epochMs), next);
}

/**
 * Outside simulation mode a request that states its own time is refused with 400 naming the header,
 * never served on the real clock as if the caller had not asked for another.
 */
export function refuseSimulatedTime(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  if (statedTime(request) === undefined) {
    next();
    return;
  }
  refuse(response, `${SIMULATED_NOW_HEADER} is accepted only by a service in simulation mode; this one runs on the real clock`);
}

function statedTime(request: IncomingMessage): string | undefined {
  const header = request.headers[SIMULATED_NOW_HEADER];
  return Array.isArray(header) ? header[0] : header;
}

function refuse(response: ServerResponse, reason: string): void {
  response.statusCode = 400;
  response.setHeader('content-type', 'application/problem+json');
  response.end(
    JSON.stringify({
      type: 'urn:training-ledger:problem:validation',
      title: 'Bad Request',
      status: 400,
      detail: reason,
      errors: [{ field: SIMULATED_NOW_HEADER, reason: reason.slice(SIMULATED_NOW_HEADER.length + 1) }],
    }),
  );
}
