import type { NegativeCacheOption } from "./absent-credentials";
import type { CredentialEventHandler } from "./credential-events";
import type { HashingOption } from "./hashing";
import type { RateLimitOption } from "./rate-limiter";
import type { RollOptions } from "./roll-policy";
import type { CacheOption } from "./verified-cache";

/**
 * Options `apiKey()` and `bearer()` share, declared once so their meaning and defaults cannot
 * drift apart. Every duration is in seconds.
 */
export interface CredentialOptions extends RollOptions {
  /**
   * Base62 characters of randomness after the prefix (before the 6-character checksum).
   * 22 (128 bits) is the minimum accepted.
   * @default 32
   */
  length?: number | undefined;
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
   * Whether a signed-in user may send `expiresIn: null` for a credential that never expires.
   * Off by default once `maxExpiresIn` is set, so the maximum cannot be sidestepped; set it
   * to `true` to allow both. Server-side calls may always create credentials without expiry.
   * @default `true` without `maxExpiresIn`, `false` with it
   */
  allowNoExpiry?: boolean | undefined;
  /**
   * How credentials are hashed at rest. `"sha256"` is upstream's own hash (API keys verify
   * through either plugin). `{ algorithm: "hmac-sha256", pepper }` keys the hash with a secret
   * kept outside the database (at least 32 characters; never the auth secret, so rotating that
   * secret does not lock credentials out). `{ hash }` supplies your own. No plaintext option.
   * @default "sha256"
   */
  hashing?: HashingOption | undefined;
  /**
   * Per-credential request limit; over it answers 429 `RATE_LIMITED` with `Retry-After`. With
   * Better Auth's `secondaryStorage` configured (e.g. Redis), it is counted there, one atomic
   * `increment` per request, so every instance shares one count; windows are aligned to the
   * clock, so keep the instances' clocks in sync. Without it, or while the storage fails or takes
   * longer than `verificationTimeout`, each instance counts in its own memory. `false` turns it off.
   * A credential the server gave its own limit (`rateLimitEnabled`, `rateLimitTimeWindow`,
   * `rateLimitMax`) is counted by that limit instead.
   * @default false
   */
  rateLimit?: RateLimitOption | false | undefined;
  /**
   * One request limit shared by all the credentials of one owner (a user, or an organization
   * for its keys), checked after the credential's own: over it answers 429 `OWNER_RATE_LIMITED`
   * with `Retry-After`, so making more credentials buys no more rate. Counted like `rateLimit`
   * (in `secondaryStorage` when it has `increment`, exact across instances), per plugin
   * configuration: an owner's API keys and personal tokens are counted apart. `false` turns it off.
   * @default false
   */
  ownerRateLimit?: RateLimitOption | false | undefined;
  /**
   * Whether a signed-in owner (or, for an organization's key, a member whose role allows create or
   * update) may set, change and remove a credential's IP allowlist (`allowedIps`) at create and
   * update. An allowlist only narrows where a credential works, so owners may by default; set
   * `false` when allowlists are the app's policy rather than the owner's choice: owners then get
   * 403 `IP_ALLOWLIST_NOT_ALLOWED` and only server-side calls set them. Either way, every
   * verification enforces the allowlist a credential has.
   * @default true
   */
  clientIpAllowlist?: boolean | undefined;
  /**
   * Write `lastUsedAt` at most once per credential per this many seconds.
   * @default 60
   */
  lastUsedUpdateInterval?: number | undefined;
  /**
   * Cache of verified credentials and their users, so a warm request reads nothing from the
   * database. Revoke, update, disable and user changes take effect at once in this process;
   * other instances see them within `ttl` seconds, or within 1 s with Better Auth's
   * `secondaryStorage` (see `invalidationPollInterval`). `false` reads the database every request.
   * @default { ttl: 30, max: 10000, invalidationPollInterval: 0.25 }
   */
  cache?: CacheOption | false | undefined;
  /**
   * Memory of credentials that are well-formed (right prefix, length and checksum) but not in
   * the database, so a forged or revoked credential sent again is refused without a read for
   * `ttl` seconds. Bounded and kept apart from `cache`: a flood of forged values cannot push
   * valid credentials out. It never refuses a credential created on this instance, and another
   * instance can only have remembered a new credential that someone sent before it existed.
   * `false` reads the database for each of them.
   * @default { ttl: 10, max: 10000 }
   */
  negativeCache?: NegativeCacheOption | false | undefined;
  /**
   * Seconds a verification may wait for the database before it fails closed (no session;
   * 503 `VERIFICATION_UNAVAILABLE` on Better Auth endpoints).
   * @default 5
   */
  verificationTimeout?: number | undefined;
  /**
   * Better Auth endpoints on which a request authenticated by a credential gets a session.
   * Elsewhere, Better Auth's own account, session and credential endpoints answer 403
   * `CREDENTIAL_NOT_ALLOWED`: a leaked key must not list sessions, change the user or mint
   * credentials. Add a plugin's endpoint paths here to let credentials call them. Endpoints that
   * exchange the session for another token (`/token`, `/one-time-token/generate`) are refused
   * at startup: that token would carry none of the credential's limits and outlive its revocation.
   * @default ["/get-session"]
   */
  sessionEndpoints?: string[] | undefined;
  /**
   * Called for what happens to credentials: `created`, `updated`, `rolled`, `revoked` (with who
   * did it), `first-used` and `rejected` (with the reason), each with the credential's id, kind,
   * owner, the request's IP and user agent, and a timestamp; never a secret or a hash. Called
   * off the response path, through Better Auth's background runner (`advanced.backgroundTasks`):
   * a slow handler never delays a request, and one that throws never fails it (its error's class
   * is logged). At most once per event; see docs/events.md. With `apiKey({ organizationKeys })`,
   * organization keys report here too unless they set their own.
   * @default undefined (no events)
   */
  onEvent?: CredentialEventHandler | undefined;
}
