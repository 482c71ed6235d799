/**
 * Serialises work per key inside one plugin instance: "count, then insert" for one user cannot
 * interleave with another create for the same user, so a burst of creates never overshoots a cap.
 * It lives in the plugin's closure (one per `betterAuth()` instance), never at module level.
 */
export function createKeyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

export type KeyedLock = ReturnType<typeof createKeyedLock>;
