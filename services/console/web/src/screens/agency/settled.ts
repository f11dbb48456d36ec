/**
 * Lists are read models of the log: they show a write a moment after it is recorded. Polls `read`
 * until `holds` (at most about five seconds), so that a screen reloads to a list that shows the write.
 */
export async function untilShown<T>(read: () => Promise<T | undefined>, holds: (value: T) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const value = await read();
    if (value !== undefined && holds(value)) return;
    await new Promise((wait) => setTimeout(wait, 250));
  }
}
