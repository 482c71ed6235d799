/** Checks the option at plugin construction; the interval in milliseconds. */
export function validateLastUsedInterval(intervalSeconds: number, optionName: string): number {
  if (!(intervalSeconds >= 0)) {
    throw new RangeError(`"${optionName}" must be a non-negative number of seconds; got ${intervalSeconds}`);
  }
  return intervalSeconds * 1000;
}

/**
 * Decides when a credential's `lastUsedAt` is worth writing: at most once per credential per
 * interval, judged first from memory (no read) and then from the row's own timestamp, so a
 * restart does not cause a write storm either.
 */
export function createLastUsedThrottle(intervalMs: number) {
  const lastWritten = new Map<string, number>();
  return function shouldWrite(credentialId: string, storedLastUsed: Date | null, now = Date.now()): boolean {
    const remembered = lastWritten.get(credentialId) ?? 0;
    // Not `new Date(…)` each time: the row holds a Date (a string only from some adapters' JSON).
    const stored = storedLastUsed instanceof Date ? storedLastUsed.getTime() : storedLastUsed ? new Date(storedLastUsed).getTime() : 0;
    if (now - Math.max(remembered, stored) < intervalMs) return false;
    lastWritten.set(credentialId, now);
    if (lastWritten.size > 100_000) lastWritten.clear();
    return true;
  };
}
