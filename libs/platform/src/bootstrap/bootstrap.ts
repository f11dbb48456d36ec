import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { refuseSimulatedTime, simulatedTimeMiddleware } from '../clock/simulated-time';
import { setupOpenApi } from '../openapi/openapi';
import { securityHeaders } from './security-headers';
import { httpRequestMetrics } from '../metrics/http-metrics';
import { ServiceMetrics } from '../metrics/service-metrics';
import { PlatformModule, type PlatformOptions } from '../platform.module';
import { bodyReadingErrorsAsProblems, DEFAULT_JSON_BODY_LIMIT, JSON_MEDIA_TYPES, requireJsonBodies } from './json-bodies';

export interface ServiceOptions extends PlatformOptions {
  /** The service's root module. */
  readonly module: Type<unknown> | DynamicModule;
  readonly title: string;
  readonly description?: string;
  readonly version?: string;
  /**
   * Largest JSON body accepted, in bytes; {@link DEFAULT_JSON_BODY_LIMIT} (2 MiB) when omitted.
   * A service names a larger one only when a bulk body at its item limit needs it.
   */
  readonly jsonBodyLimit?: number;
}

@Module({})
class ServiceRootModule {}

/** The service's application with the shared wiring, not yet listening: tests drive it through `getHttpServer()`. */
export async function createServiceApp(options: ServiceOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    { module: ServiceRootModule, imports: [PlatformModule.forRoot(options), options.module] },
    // JSON is the only body the services read: no form parser is registered.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // Nest flushes start-up logs on listen(); flushing here also serves apps that tests drive without listening.
  app.flushLogs();
  app.disable('x-powered-by');
  // First, so that every answer is counted, those the later middleware refuse included.
  app.use(httpRequestMetrics(app.get(ServiceMetrics)));
  // Security headers on every answer; the policy lets the HTML the services serve (the OpenAPI page,
  // report and verification pages) load only their own scripts, styles and images.
  app.use(securityHeaders({ styleSrc: ["'self'", "'unsafe-inline'"] }, { crossOriginResourcePolicy: { policy: 'same-site' } }));
  if (options.config.TRUST_PROXY !== undefined) app.set('trust proxy', trustedProxies(options.config.TRUST_PROXY));
  app.use(options.config.SIMULATION_MODE ? simulatedTimeMiddleware : refuseSimulatedTime);
  if (options.config.SIMULATION_MODE) {
    app.get(Logger).warn(
      `SIMULATION MODE: requests from ${(options.config.SIMULATION_ROLES ?? ['every role']).join(', ')} may state the domain time in x-simulated-now; facts so dated count in evaluations. Never in production.`,
      'Bootstrap',
    );
  }
  app.use(requireJsonBodies);
  app.useBodyParser('json', { limit: options.jsonBodyLimit ?? DEFAULT_JSON_BODY_LIMIT, type: JSON_MEDIA_TYPES });
  app.use(bodyReadingErrorsAsProblems);
  setupOpenApi(app, { title: options.title, version: options.version ?? '1.0.0', description: options.description });
  return app;
}

/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
export const DRAIN_GRACE_MS = 20_000;

/** Express's reading of TRUST_PROXY: a hop count, or the trusted addresses and ranges. */
function trustedProxies(setting: string): number | string[] {
  return /^\d+$/.test(setting) ? Number(setting) : setting.split(',').map((item) => item.trim());
}

export async function bootstrapService(options: ServiceOptions): Promise<NestExpressApplication> {
  const app = await createServiceApp(options);
  await app.listen(options.config.PORT);
  app.get(Logger).log(`${options.title} listening on ${await app.getUrl()}`, 'Bootstrap');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutDown(app, signal));
  return app;
}

/**
 * On SIGTERM: stop accepting connections, let the requests in flight finish (cutting them after
 * DRAIN_GRACE_MS), then run Nest's shutdown, where services stop consuming, flush their relays and
 * close their connections. Ending with process.exit rather than re-raising the signal lets the
 * logger write its last lines.
 */
async function shutDown(app: NestExpressApplication, signal: string): Promise<void> {
  const logger = app.get(Logger);
  const server = app.getHttpServer() as Server;
  logger.log(`${signal}: accepting no new connections; draining the requests in flight`, 'Bootstrap');
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), DRAIN_GRACE_MS);
  await drained;
  clearTimeout(cut);
  try {
    // Nest's close takes the signal at run time (hooks receive it) though its type does not say so.
    await (app as unknown as { close(signal: string): Promise<void> }).close(signal);
  } finally {
    process.exit(0);
  }
}

/**
 * For a service's `main.ts`: builds the options (loading the configuration) and starts the service;
 * any failure on the way is written as one JSON line and ends the process with status 1.
 */
export function runService(optionsFactory: () => ServiceOptions): void {
  Promise.resolve()
    .then(() => bootstrapService(optionsFactory()))
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), message: `Service failed to start: ${message}`, stack: error instanceof Error ? error.stack : undefined })}\n`,
      );
      process.exit(1);
    });
}
