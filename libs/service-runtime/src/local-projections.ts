import { Injectable } from '@nestjs/common';
import type { Projection, RetiredProjection } from '@training-ledger/read-models';

/**
 * Read models a service keeps from its own event log (not from Kafka). The runtime runs each one,
 * catch-up then live, from its checkpoint, and rebuilds it from the log when its version changes.
 */
@Injectable()
export class LocalProjections {
  private readonly projections = new Map<string, Projection>();
  private readonly retiredProjections = new Map<string, RetiredProjection>();

  register(projection: Projection): void {
    if (this.projections.has(projection.name)) throw new Error(`Projection "${projection.name}" is registered twice`);
    this.projections.set(projection.name, projection);
  }

  list(): readonly Projection[] {
    return [...this.projections.values()];
  }

  /** A projection the service no longer keeps: its collections, checkpoint and pointer are dropped when the runtime starts. */
  retire(retired: RetiredProjection): void {
    if (this.projections.has(retired.name)) throw new Error(`Projection "${retired.name}" is both kept and retired`);
    this.retiredProjections.set(retired.name, retired);
  }

  retired(): readonly RetiredProjection[] {
    return [...this.retiredProjections.values()];
  }
}
