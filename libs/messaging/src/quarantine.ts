/** An event set aside because it could not be published or handled: never dropped, always said. */
export interface QuarantineRecord {
  /** Who set it aside: `relay:<topic>` or `consumer:<handler>` (a route of a shared group, or a group of its own). */
  readonly source: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly streamName: string;
  /** Its global position in the log (relay) or `<topic>/<partition>@<offset>` (consumer). */
  readonly position: string;
  readonly reason: string;
}

/** Durable record of what was set aside, kept where the service keeps its facts. */
export interface Quarantine {
  setAside(record: QuarantineRecord): Promise<void>;
}
