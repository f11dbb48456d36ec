import type { RecordedEvent, StreamEventJson } from './port';

/** A whole event read as a reader of its data alone sees it. */
export const streamEventJson = ({ type, data, streamPosition }: RecordedEvent): StreamEventJson => ({
  type,
  dataJson: JSON.stringify(data),
  streamPosition,
});
