import { Controller, Get, Inject, Injectable, Logger, ServiceUnavailableException, type LoggerService } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { Public } from '@training-ledger/auth';
import { ProblemException, PROBLEM_TYPES } from '../problem-details/problem-details';
import { ServiceMetrics } from '../metrics/service-metrics';
import { ReadinessChecks, type ReadinessCheck } from './readiness';

export const READINESS_TIMEOUT_MS = Symbol('READINESS_TIMEOUT_MS');

/** Sends terminus's own messages through the application's JSON logger instead of the console. */
@Injectable()
export class HealthLogger implements LoggerService {
  private readonly logger = new Logger('Health');
  log(message: unknown): void {
    this.logger.log(message);
  }
  error(message: unknown): void {
    this.logger.error(message);
  }
  warn(message: unknown): void {
    this.logger.warn(message);
  }
}

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(ReadinessChecks) private readonly readiness: ReadinessChecks,
    @Inject(READINESS_TIMEOUT_MS) private readonly timeoutMs: number,
    @Inject(ServiceMetrics) private readonly metrics: ServiceMetrics,
  ) {}

  /** Liveness: the process runs and serves HTTP. Dependencies are left to /ready so that an outage elsewhere does not restart us. */
  @Get('health')
  @HealthCheck()
  liveness(): Promise<HealthCheckResult> {
    return this.run([async () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.run(this.readiness.list().map((check) => () => this.probe(check)));
  }

  /** The probe's outcome also goes to the metrics, so that an alert sees what the kubelet saw. */
  private async probe(readinessCheck: ReadinessCheck) {
    const result = await this.outcomeOf(readinessCheck);
    this.metrics.readinessCheckUp.set({ check: readinessCheck.name }, result[readinessCheck.name]?.status === 'up' ? 1 : 0);
    return result;
  }

  private async outcomeOf(readinessCheck: ReadinessCheck) {
    const session = this.indicators.check(readinessCheck.name);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      const outcome = await Promise.race([readinessCheck.check(), timeout]);
      if (outcome === 'timeout') return session.down({ message: `no answer within ${this.timeoutMs} ms` });
      return outcome ? session.up() : session.down({ message: 'not available' });
    } catch (error) {
      // Anyone may ask /ready: what failed inside goes to the log, not to the caller.
      this.logger.warn(`Readiness check ${readinessCheck.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return session.down({ message: 'not answering' });
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const failing = Object.keys(result.error ?? {});
      throw new ProblemException({
        type: PROBLEM_TYPES.notReady,
        status: 503,
        detail: result.status === 'shutting_down' ? 'The service is shutting down' : `Not available: ${failing.join(', ')}`,
        checks: result.details,
      });
    }
  }
}
