import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@kurrent/kurrentdb-client';
import { streamCategory, type EventFilter } from '../port';
import type { UpcasterRegistry } from '../upcasting';

/** Stored events a read must deliver, judged on what is stored (before upcasting). */
export type StoredEventPredicate = (stored: { readonly type: string; readonly streamName: string }) => boolean;

export interface KurrentDbFilter {
  /** What the server filters by: one expression, on event type or on stream name. */
  readonly server: Filter;
  /** The whole filter, checked again here for what the server expression does not cover. */
  readonly accepts: StoredEventPredicate;
}

/**
 * Translates a port filter into KurrentDB's. The server filters on one thing only: by stream
 * name when categories are asked for (types then checked here), by type otherwise, and it
 * always leaves out system events (`$`-types), which are never part of the domain log.
 */
export function kurrentDbFilter(filter: EventFilter | undefined, upcasters: UpcasterRegistry): KurrentDbFilter {
  const categories = filter?.streamCategories?.length ? new Set(filter.streamCategories) : null;
  const storedTypes = filter?.eventTypes?.length ? new Set(upcasters.storedTypesFor(filter.eventTypes)) : null;

  const accepts: StoredEventPredicate = ({ type, streamName }) =>
    !type.startsWith('$') &&
    !streamName.startsWith('$') &&
    (storedTypes === null || storedTypes.has(type)) &&
    (categories === null || categories.has(streamCategory(streamName)));

  if (categories) {
    const server = streamNameFilter({ regex: `^${alternatives([...categories])}(?:-|$)` });
    return { server, accepts };
  }
  if (storedTypes) {
    return { server: eventTypeFilter({ regex: `^${alternatives([...storedTypes])}$` }), accepts };
  }
  return { server: excludeSystemEvents(), accepts };
}

/** A .NET regular expression group matching exactly one of `values` (none when empty). */
function alternatives(values: readonly string[]): string {
  if (values.length === 0) return '(?!)';
  return `(?:${values.map((value) => value.replace(/[.*+?^${}()|[\]\\#\s-]/g, '\\$&')).join('|')})`;
}
