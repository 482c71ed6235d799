/**
 * How often a read moves its entry to the end of the order. Every read moving it costs a delete
 * and an insert on the hot path; recency to within a second is as good for choosing what to evict.
 */
const TOUCH_INTERVAL_MS = 1000;

/**
 * A bounded map whose entries expire: Map keeps insertion order, so re-inserting on read makes
 * the first key the least recently used. One per plugin instance, never module-level.
 */
export function createTtlLru<K, V>(options: { max: number; ttlMs: number; now?: () => number }) {
  const { max, ttlMs } = options;
  const now = options.now ?? Date.now;
  const entries = new Map<K, { value: V; expiresAt: number; touchedAt: number }>();
  return {
    get(key: K): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const at = now();
      if (entry.expiresAt <= at) {
        entries.delete(key);
        return undefined;
      }
      if (at - entry.touchedAt >= TOUCH_INTERVAL_MS) {
        entry.touchedAt = at;
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry.value;
    },
    set(key: K, value: V) {
      entries.delete(key);
      const at = now();
      entries.set(key, { value, expiresAt: at + ttlMs, touchedAt: at });
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
