import type { RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { type ConsoleConfig, PROXIED_SERVICES, type ProxiedService, serviceUrlOf } from './config';

/**
 * `/api/<service>/…` forwarded to the service as `/…`, headers (Authorization among them) and body
 * untouched: the services check every token themselves, the console decides nothing.
 */
export function serviceProxies(config: ConsoleConfig): { path: string; handler: RequestHandler; service: ProxiedService }[] {
  return PROXIED_SERVICES.map((service) => ({
    service,
    path: `/api/${service}`,
    handler: createProxyMiddleware({
      target: serviceUrlOf(config, service),
      changeOrigin: true,
      xfwd: true,
      proxyTimeout: 60_000,
      on: {
        error: (_error, _request, response) => {
          if (!('writeHead' in response) || response.headersSent) return void response.end();
          response.writeHead(502, { 'content-type': 'application/problem+json' });
          response.end(JSON.stringify({ type: 'about:blank', title: `${service} did not answer`, status: 502 }));
        },
      },
    }) as RequestHandler,
  }));
}
