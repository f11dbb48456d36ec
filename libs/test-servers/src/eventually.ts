/** Asks `attempt` every 300 ms until it answers something other than null, and gives up after `timeoutMs` saying what it waited for. */
export async function eventually<T>(what: string, attempt: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const outcome = await attempt();
    if (outcome !== null) return outcome;
    await new Promise((wait) => setTimeout(wait, 300));
  }
  throw new Error(`gave up waiting until ${what}`);
}
