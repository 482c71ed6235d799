import type { User } from "better-auth";
import type { CredentialRow, PublicCredential } from "./credential-table";
import { createTtlLru } from "./ttl-lru";

/** Caching of verified credentials. `false` turns it off. */
export interface CacheOption {
  /**
   * Seconds a verified credential is trusted without reading the database again. Without
   * Better Auth's `secondaryStorage`, this is the longest another instance may keep accepting a
   * credential revoked elsewhere; with it, the bound is `4 × invalidationPollInterval`, and the
   * TTL only while the storage fails.
   * @default 30
   */
  ttl?: number | undefined;
  /**
   * Credentials kept at most (least recently used go first).
   * @default 10000
   */
  max?: number | undefined;
  /**
   * With Better Auth's `secondaryStorage`: seconds between two reads of the changes published by
   * other instances (revokes, updates, bans, user deletions). A read happens only when a
   * verification comes after the interval, in the background: a warm request never waits on the
   * storage. A cached credential is served only while the last read started less than
   * 3 intervals ago (otherwise the database is read), so a change made on any instance is
   * refused everywhere within `4 × invalidationPollInterval` (1 s by default). Ignored without
   * `secondaryStorage`.
   * @default 0.25
   */
  invalidationPollInterval?: number | undefined;
}

export type ResolvedCacheOption = Required<{ [K in keyof CacheOption]: NonNullable<CacheOption[K]> }>;

/** Applies the defaults and checks the option at plugin construction, so bad values fail at startup. */
export function resolveCacheOption(option: CacheOption | false | undefined, optionName: string): ResolvedCacheOption | false {
  if (option === false) return false;
  const ttl = option?.ttl ?? 30;
  const max = option?.max ?? 10_000;
  const invalidationPollInterval = option?.invalidationPollInterval ?? 0.25;
  if (!(ttl > 0)) throw new RangeError(`"${optionName}.ttl" must be a positive number of seconds; got ${ttl}`);
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`"${optionName}.max" must be a positive integer; got ${max}`);
  if (!(Number.isFinite(invalidationPollInterval) && invalidationPollInterval > 0)) {
    throw new RangeError(`"${optionName}.invalidationPollInterval" must be a positive number of seconds; got ${invalidationPollInterval}`);
  }
  return { ttl, max, invalidationPollInterval };
}

/** Who a credential acts for: a user, or an organization (which no user's rights come with). */
export type CredentialOwner = { type: "user"; id: string } | { type: "organization"; id: string };

export interface CachedCredential {
  row: CredentialRow;
  /** The owning user; `null` for an organization's key, which acts for no user. */
  user: User | null;
  /** A fresh deep copy of `user` for each request, so no caller holds a reference into the cache. */
  copyUser: (() => User) | null;
  owner: CredentialOwner;
  /** The public view, built once per load rather than once per request. */
  view: PublicCredential;
}

export interface VerifiedCredentialCache {
  /** The credential, when cached and the cache may serve it now. */
  get(hash: string): CachedCredential | undefined;
  /**
   * When the credential is cached but the cache may not serve it until other instances' changes
   * are read again, and that read is under way: the credential if the read vouches for it, or
   * undefined (then it is dropped, and the caller reads the database). Otherwise undefined.
   */
  catchUp(hash: string): Promise<CachedCredential | undefined> | undefined;
  /** Changes on every invalidation; a load captures it before reading the database. */
  readonly generation: number;
  /**
   * Stores a loaded credential unless something was invalidated since `loadedAtGeneration`:
   * a revoke that lands while a verification is reading must not be undone by that read.
   */
  set(hash: string, entry: CachedCredential, loadedAtGeneration: number): void;
  /** Drops a credential at once: on revoke, update, disable. */
  forgetCredential(id: string): void;
  /** Drops every credential of an owner (user or organization) at once: on user update or deletion. */
  forgetUser(ownerId: string): void;
  /** Drops everything: when changes published by other instances may have been missed. */
  forgetAll(): void;
}

const NO_CACHE: VerifiedCredentialCache = {
  get: () => undefined,
  catchUp: () => undefined,
  generation: 0,
  set: () => {},
  forgetCredential: () => {},
  forgetUser: () => {},
  forgetAll: () => {},
};

/**
 * In-process cache of verified credentials and their users, keyed by hash. Invalidation within
 * this process is immediate; other processes see a change within `ttl`, or sooner when
 * `isCurrent` (the invalidation channel) says when entries may be served at all.
 */
export function createVerifiedCredentialCache(
  option: ResolvedCacheOption | false,
  isCurrent: () => boolean = () => true,
  catchUp: () => Promise<boolean> | undefined = () => undefined,
): VerifiedCredentialCache {
  if (option === false) return NO_CACHE;
  const { ttl, max } = option;
  const byHash = createTtlLru<string, CachedCredential>({ max, ttlMs: ttl * 1000 });
  // A rolled credential can be cached under two hashes (its current and its previous secret):
  // forgetting it must drop both.
  const hashById = new Map<string, Set<string>>();
  let generation = 0;
  return {
    get(hash) {
      if (isCurrent()) return byHash.get(hash);
      // Too long since changes from other instances were read: this entry may be revoked. It is
      // kept only while a read is under way that can vouch for it again (see `catchUp`); a
      // request that reads the database instead must not leave it to be served later.
      if (byHash.has(hash) && !catchUp()) byHash.delete(hash);
      return undefined;
    },
    catchUp(hash) {
      if (isCurrent() || !byHash.has(hash)) return undefined;
      return catchUp()?.then((vouched) => {
        // Only a read that succeeded applied every change published before it started.
        if (vouched && isCurrent()) return byHash.get(hash);
        byHash.delete(hash);
        return undefined;
      });
    },
    get generation() {
      return generation;
    },
    set(hash, entry, loadedAtGeneration) {
      if (loadedAtGeneration !== generation) return;
      byHash.set(hash, entry);
      const hashes = hashById.get(entry.row.id) ?? new Set<string>();
      hashes.add(hash);
      hashById.set(entry.row.id, hashes);
      if (hashById.size > max * 2) {
        for (const [id, known] of hashById) {
          for (const knownHash of known) if (!byHash.has(knownHash)) known.delete(knownHash);
          if (known.size === 0) hashById.delete(id);
        }
      }
    },
    forgetCredential(id) {
      generation += 1;
      for (const hash of hashById.get(id) ?? []) byHash.delete(hash);
      hashById.delete(id);
    },
    forgetUser(ownerId) {
      generation += 1;
      byHash.deleteWhere((entry) => entry.owner.id === ownerId);
    },
    forgetAll() {
      generation += 1;
      byHash.deleteWhere(() => true);
      hashById.clear();
    },
  };
}
