import type { User } from "better-auth";
import type { HashingOption } from "../core/hashing";
import type { PermissionsInput } from "../core/permissions";
import type { RateLimitOption } from "../core/rate-limiter";
import type { CacheOption } from "../core/verified-cache";

/** Options of `apiKey()`. Every duration is in seconds. */
export interface ApiKeyOptions {
  /**
   * Readable start of every key, so people and secret scanners can tell what a leaked string
   * is. A letter, up to 15 letters or digits, then `_`. Must differ from `bearer()`'s prefix.
   * @default "ba_"
   */
  prefix?: string | undefined;
  /**
   * Base62 characters of randomness after the prefix (before the 6-character checksum).
   * 22 (128 bits) is the minimum accepted.
   * @default 32
   */
  length?: number | undefined;
  /**
   * Lifetime of a key whose creator does not say; `null` for keys that never expire.
   * @default null
   */
  defaultExpiresIn?: number | null | undefined;
  /**
   * Shortest lifetime a signed-in user may ask for.
   * @default 60
   */
  minExpiresIn?: number | undefined;
  /**
   * Longest lifetime a signed-in user may ask for; `null` for no upper bound.
   * @default null
   */
  maxExpiresIn?: number | null | undefined;
  /**
   * Whether a signed-in user may send `expiresIn: null` for a key that never expires.
   * @default true
   */
  allowNoExpiry?: boolean | undefined;
  /**
   * Keys one user may hold at once; the next create answers 403 `MAX_KEYS_REACHED`.
   * @default 10
   */
  maxKeysPerUser?: number | undefined;
  /**
   * Permissions a key gets when its creator does not ask for any: scopes (`["read"]`) or
   * Better Auth statements (`{ project: ["read"] }`).
   * @default []
   */
  defaultPermissions?: PermissionsInput | undefined;
  /**
   * What a signed-in user may request for their own keys; anything beyond answers 403
   * `INSUFFICIENT_PERMISSIONS` and writes nothing. May depend on the user. Server-side calls
   * (no session) may set any permissions.
   * @default the `defaultPermissions`
   */
  allowedPermissions?: PermissionsInput | ((user: User) => PermissionsInput | Promise<PermissionsInput>) | undefined;
  /**
   * How keys are hashed at rest. `"sha256"` is upstream's own hash (keys verify through either
   * plugin). `{ algorithm: "hmac-sha256", pepper }` keys the hash with a secret kept outside
   * the database (at least 32 characters; never the auth secret, so rotating that secret does
   * not lock keys out). `{ hash }` supplies your own. There is no plaintext option.
   * @default "sha256"
   */
  hashing?: HashingOption | undefined;
  /**
   * Per-key request limit, counted in memory; over it answers 429 `RATE_LIMITED` with
   * `Retry-After`. `false` turns it off.
   * @default false
   */
  rateLimit?: RateLimitOption | false | undefined;
  /**
   * Give requests that carry a valid key a session, so `auth.api.getSession({ headers })` and
   * existing session middleware accept keys.
   * @default true
   */
  enableSessionForAPIKeys?: boolean | undefined;
  /**
   * Write `lastUsedAt` at most once per key per this many seconds.
   * @default 60
   */
  lastUsedUpdateInterval?: number | undefined;
  /**
   * Also accept keys made by plain `@better-auth/api-key` (no checksum), sent in `x-api-key`,
   * while migrating. Off, such values are refused before any database read.
   * @default false
   */
  acceptLegacyKeys?: boolean | undefined;
  /**
   * Cache of verified keys and their users, so a warm request reads nothing from the database.
   * Revoke, update, disable and user deletion take effect at once in this process; other
   * instances see them within `ttl` seconds. `false` reads the database on every request.
   * @default { ttl: 30, max: 10000 }
   */
  cache?: CacheOption | false | undefined;
  /**
   * Seconds a verification may wait for the database before it fails closed (no session;
   * 503 `VERIFICATION_UNAVAILABLE` on Better Auth endpoints).
   * @default 5
   */
  verificationTimeout?: number | undefined;
}
