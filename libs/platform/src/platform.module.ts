import { Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule, TokenVerifier } from '@training-ledger/auth';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { authOptionsFromConfig } from './config/auth-options';
import { ServiceConfig } from './config/service-config';
import { HealthController, HealthLogger, READINESS_TIMEOUT_MS } from './health/health.controller';
import { ReadinessChecks, type ReadinessCheck } from './health/readiness';
import { loggerParams } from './logging/logger-params';
import { ProblemDetailsFilter } from './problem-details/problem-details.filter';
import { createValidationPipe } from './problem-details/validation';
import { MetricsEndpoint } from './metrics/metrics-endpoint';
import { ServiceMetrics } from './metrics/service-metrics';

export interface PlatformOptions {
  readonly config: ServiceConfig;
  readonly readinessChecks?: readonly ReadinessCheck[];
  /** How long `/ready` waits for one check before calling it down. */
  readonly readinessTimeoutMs?: number;
  /**
   * How long the service keeps serving after SIGTERM while `/ready` already answers 503,
   * so that the load balancer stops sending traffic before connections close.
   */
  readonly shutdownGraceMs?: number;
  /** Where the JSON log lines go; standard output when omitted. */
  readonly logDestination?: DestinationStream;
}

/**
 * What every service shares: JSON logging, bearer-token guard, validation, problem documents, health, metrics.
 * Global, so the service's own modules inject `ReadinessChecks` and their config class without importing it.
 */
@Module({})
export class PlatformModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(`Shutting down${signal ? ` on ${signal}` : ''}: closing consumers and connections`);
  }

  onApplicationShutdown(): void {
    this.logger.log('Stopped');
  }

  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const configTokens: Type<unknown>[] = config.constructor === ServiceConfig ? [ServiceConfig] : [ServiceConfig, config.constructor as Type<unknown>];
    const configProviders: Provider[] = configTokens.map((token) => ({ provide: token, useValue: config }));

    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams({ serviceName: config.SERVICE_NAME, level: config.LOG_LEVEL, destination: options.logDestination })),
        TerminusModule.forRoot({ logger: HealthLogger, gracefulShutdownTimeoutMs: options.shutdownGraceMs ?? 0 }),
        AuthModule.forRoot(authOptionsFromConfig(config)),
      ],
      controllers: [HealthController],
      providers: [
        ...configProviders,
        {
          provide: ReadinessChecks,
          inject: [TokenVerifier],
          useFactory: (verifier: TokenVerifier) =>
            new ReadinessChecks([
              ...(options.readinessChecks ?? []),
              ...(config.AUTH_JWKS_URL !== undefined ? [{ name: 'identity-provider-keys', check: () => verifier.keySetReachable() }] : []),
            ]),
        },
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(config.SERVICE_NAME) },
        MetricsEndpoint,
        { provide: READINESS_TIMEOUT_MS, useValue: options.readinessTimeoutMs ?? 3000 },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [...configTokens, ReadinessChecks, ServiceMetrics, MetricsEndpoint],
    };
  }
}
