import { Injectable } from '@nestjs/common';
import type { Projection } from '@training-ledger/read-models';

/**
 * Read models a service keeps from its own event log (not from Kafka). The runtime runs each one,
 * catch-up then live, from its checkpoint, and rebuilds it from the log when its version changes.
 */
@Injectable()
export class LocalProjections {
  private readonly projections = new Map<string, Projection>();

  register(projection: Projection): void {
    if (this.projections.has(projection.name)) throw new Error(`Projection "${projection.name}" is registered twice`);
    this.projections.set(projection.name, projection);
  }

  list(): readonly Projection[] {
    return [...this.projections.values()];
  }
}
