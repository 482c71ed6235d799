/**
 * A bounded map whose entries expire: Map keeps insertion order, so re-inserting on read makes
 * the first key the least recently used. One per plugin instance, never module-level.
 */
export function createTtlLru<K, V>(options: { max: number; ttlMs: number; now?: () => number }) {
  const { max, ttlMs } = options;
  const now = options.now ?? Date.now;
  const entries = new Map<K, { value: V; expiresAt: number }>();
  return {
    get(key: K): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key: K, value: V) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs });
      if (entries.size > max) entries.delete(entries.keys().next().value as K);
    },
    /** Presence without refreshing recency. */
    has(key: K): boolean {
      const entry = entries.get(key);
      return entry !== undefined && entry.expiresAt > now();
    },
    delete(key: K) {
      entries.delete(key);
    },
    /** Removes every entry whose value matches; O(n), for rare events such as a user's deletion. */
    deleteWhere(predicate: (value: V) => boolean) {
      for (const [key, entry] of entries) if (predicate(entry.value)) entries.delete(key);
    },
  };
}
