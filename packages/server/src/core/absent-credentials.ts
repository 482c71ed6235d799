import { createTtlLru } from "./ttl-lru";

/** Memory of well-formed credentials that do not exist. `false` turns it off. */
export interface NegativeCacheOption {
  /**
   * Seconds a well-formed credential found absent is refused without reading the database again.
   * @default 10
   */
  ttl?: number | undefined;
  /**
   * Absent credentials remembered at most (least recently used go first).
   * @default 10000
   */
  max?: number | undefined;
}

export type ResolvedNegativeCacheOption = { ttl: number; max: number };

/** Applies the defaults and checks the option at plugin construction, so bad values fail at startup. */
export function resolveNegativeCacheOption(
  option: NegativeCacheOption | false | undefined,
  optionName: string,
): ResolvedNegativeCacheOption | false {
  if (option === false) return false;
  const ttl = option?.ttl ?? 10;
  const max = option?.max ?? 10_000;
  if (!(ttl > 0)) throw new RangeError(`"${optionName}.ttl" must be a positive number of seconds; got ${ttl}`);
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`"${optionName}.max" must be a positive integer; got ${max}`);
  return { ttl, max };
}

export interface AbsentCredentials {
  /** True when `hash` was looked up and not found less than `ttl` ago. */
  has(hash: string): boolean;
  /** Changes on every creation in this instance; a lookup captures it before reading. */
  readonly creations: number;
  /**
   * Remembers that `hash` is not in the database, unless a credential was created in this
   * instance since `creationsAtLookup`: a lookup that read before a create committed must not
   * make the new credential fail.
   */
  remember(hash: string, creationsAtLookup: number): void;
  /** A credential with this hash now exists: it is never refused from memory, from now on. */
  created(hash: string): void;
}

const NOTHING_REMEMBERED: AbsentCredentials = { has: () => false, creations: 0, remember: () => {}, created: () => {} };

/**
 * The negative cache: hashes of well-formed credentials (right prefix, length and checksum) that
 * the database did not have, so a forged or revoked credential sent again costs no read for
 * `ttl` seconds. Bounded, and apart from the cache of valid credentials, so a flood of forged
 * values evicts only other forged values. One per plugin instance, never module-level.
 *
 * It never refuses a credential that exists: a creation in this instance forgets the hash at
 * once. Another instance can only have remembered a new credential's hash if someone sent that
 * credential before it was created, which takes guessing at least 128 random bits; a row that reappears
 * (restored from a backup, written by another tool) is found again within `ttl`.
 */
export function createAbsentCredentials(option: ResolvedNegativeCacheOption | false): AbsentCredentials {
  if (option === false) return NOTHING_REMEMBERED;
  const absent = createTtlLru<string, true>({ max: option.max, ttlMs: option.ttl * 1000 });
  let creations = 0;
  return {
    has: (hash) => absent.get(hash) === true,
    get creations() {
      return creations;
    },
    remember(hash, creationsAtLookup) {
      if (creationsAtLookup === creations) absent.set(hash, true);
    },
    created(hash) {
      creations += 1;
      absent.delete(hash);
    },
  };
}
