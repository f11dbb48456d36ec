import type { NextFunction, Request, Response } from 'express';
import type { ServiceMetrics } from './service-metrics';

/** The label of a request no route answered: its raw path would let any caller grow the series without end. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Nest's catch-all that answers 404 when no route matched. */
const CATCH_ALL = /^\/?(\*|\{\*\w+\})$/;

/** The route template that answered (`/runs/:runId/attendance`), as the router matched it. */
export function routeTemplateOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (!route || typeof route.path !== 'string' || CATCH_ALL.test(route.path)) return UNMATCHED_ROUTE;
  return `${request.baseUrl}${route.path}` || '/';
}

/** Counts and times every answer, labelled once it is sent, when the router has said which route it was. */
export function httpRequestMetrics(metrics: ServiceMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const labels = { method: request.method, route: routeTemplateOf(request), status: String(response.statusCode) };
      metrics.requests.inc(labels);
      metrics.requestSeconds.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
