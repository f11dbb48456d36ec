import { Injectable } from '@nestjs/common';

/** One dependency the service needs before it can take traffic: event store, Kafka, MongoDB… */
export interface ReadinessCheck {
  readonly name: string;
  /** True when the dependency answers; false or a rejection marks the service not ready. */
  check(): Promise<boolean>;
}

/**
 * The checks `/ready` runs. Filled from the platform options and by providers that own a connection
 * (`readiness.add({ name: 'kafka', check: () => ... })` in their constructor or `onModuleInit`).
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(initial: readonly ReadinessCheck[] = []) {
    for (const check of initial) this.add(check);
  }

  add(check: ReadinessCheck): void {
    if (this.checks.has(check.name)) throw new Error(`Readiness check "${check.name}" is registered twice`);
    this.checks.set(check.name, check);
  }

  list(): readonly ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
