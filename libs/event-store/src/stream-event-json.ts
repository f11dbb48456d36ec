import type { RecordedEvent, StreamEventJson } from './port';

/**
 * A whole event read as a reader of its data alone sees it. With a text field held by the data (an
 * object), that field comes apart: its string as it is, another value as JSON text.
 */
export function streamEventJson({ type, data, streamPosition }: RecordedEvent, textField?: string): StreamEventJson {
  if (textField !== undefined && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const { [textField]: field, ...rest } = data as Record<string, unknown>;
    if (field !== undefined && field !== null) {
      return { type, dataJson: JSON.stringify(rest), streamPosition, fieldText: typeof field === 'string' ? field : JSON.stringify(field) };
    }
  }
  return { type, dataJson: JSON.stringify(data), streamPosition };
}
