import type { User } from "better-auth";
import type { CredentialRow, PublicCredential } from "./credential-table";
import { createTtlLru } from "./ttl-lru";

/** Caching of verified credentials. `false` turns it off. */
export interface CacheOption {
  /**
   * Seconds a verified credential is trusted without reading the database again. This is the
   * longest another instance may keep accepting a credential revoked elsewhere.
   * @default 30
   */
  ttl?: number | undefined;
  /**
   * Credentials kept at most (least recently used go first).
   * @default 10000
   */
  max?: number | undefined;
}

export type ResolvedCacheOption = Required<{ [K in keyof CacheOption]: NonNullable<CacheOption[K]> }>;

/** Applies the defaults and checks the option at plugin construction, so bad values fail at startup. */
export function resolveCacheOption(option: CacheOption | false | undefined, optionName: string): ResolvedCacheOption | false {
  if (option === false) return false;
  const ttl = option?.ttl ?? 30;
  const max = option?.max ?? 10_000;
  if (!(ttl > 0)) throw new RangeError(`"${optionName}.ttl" must be a positive number of seconds; got ${ttl}`);
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`"${optionName}.max" must be a positive integer; got ${max}`);
  return { ttl, max };
}

export interface CachedCredential {
  row: CredentialRow;
  user: User;
  /** The public view, built once per load rather than once per request. */
  view: PublicCredential;
}

export interface VerifiedCredentialCache {
  get(hash: string): CachedCredential | undefined;
  /** Changes on every invalidation; a load captures it before reading the database. */
  readonly generation: number;
  /**
   * Stores a loaded credential unless something was invalidated since `loadedAtGeneration`:
   * a revoke that lands while a verification is reading must not be undone by that read.
   */
  set(hash: string, entry: CachedCredential, loadedAtGeneration: number): void;
  /** Drops a credential at once: on revoke, update, disable. */
  forgetCredential(id: string): void;
  /** Drops every credential of a user at once: on user update or deletion. */
  forgetUser(userId: string): void;
}

const NO_CACHE: VerifiedCredentialCache = {
  get: () => undefined,
  generation: 0,
  set: () => {},
  forgetCredential: () => {},
  forgetUser: () => {},
};

/**
 * In-process cache of verified credentials and their users, keyed by hash. Invalidation within
 * this process is immediate; other processes see a change within `ttl`.
 */
export function createVerifiedCredentialCache(option: ResolvedCacheOption | false): VerifiedCredentialCache {
  if (option === false) return NO_CACHE;
  const { ttl, max } = option;
  const byHash = createTtlLru<string, CachedCredential>({ max, ttlMs: ttl * 1000 });
  const hashById = new Map<string, string>();
  let generation = 0;
  return {
    get: (hash) => byHash.get(hash),
    get generation() {
      return generation;
    },
    set(hash, entry, loadedAtGeneration) {
      if (loadedAtGeneration !== generation) return;
      byHash.set(hash, entry);
      hashById.set(entry.row.id, hash);
      if (hashById.size > max * 2) {
        for (const [id, knownHash] of hashById) if (!byHash.has(knownHash)) hashById.delete(id);
      }
    },
    forgetCredential(id) {
      generation += 1;
      const hash = hashById.get(id);
      if (hash !== undefined) byHash.delete(hash);
      hashById.delete(id);
    },
    forgetUser(userId) {
      generation += 1;
      byHash.deleteWhere((entry) => entry.user.id === userId);
    },
  };
}
