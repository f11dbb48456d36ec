import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

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

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Express middleware of simulation mode only: a request carrying `X-Simulated-Now` runs at that
 * instant. A malformed value is refused with 400 rather than silently taken as the real time.
 */
export function simulatedTimeMiddleware(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const header = request.headers[SIMULATED_NOW_HEADER];
  const stated = Array.isArray(header) ? header[0] : header;
  if (stated === undefined) {
    next();
    return;
  }
  const instant = ISO_INSTANT.test(stated) ? new Date(stated) : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    response.statusCode = 400;
    response.setHeader('content-type', 'application/problem+json');
    response.end(
      JSON.stringify({
        type: 'urn:training-ledger:problem:validation',
        title: 'Bad Request',
        status: 400,
        detail: `${SIMULATED_NOW_HEADER} must be an ISO-8601 instant with its offset`,
        errors: [{ field: SIMULATED_NOW_HEADER, reason: 'must be an ISO-8601 instant with its offset' }],
      }),
    );
    return;
  }
  simulatedNow.run(instant, next);
}
