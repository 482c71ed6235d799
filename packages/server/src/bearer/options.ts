import type { HashingOption } from "../core/hashing";
import type { RateLimitOption } from "../core/rate-limiter";

/** Options of `bearer()`. Every duration is in seconds. */
export interface BearerOptions {
  /**
   * Readable start of every personal token, so people and secret scanners can tell what a
   * leaked string is, and so the `Authorization: Bearer` header tells personal tokens from
   * session tokens without a database read. A letter, up to 15 letters or digits, then `_`.
   * Must not overlap `apiKey()`'s prefix (neither may start with the other).
   * @default "bat_"
   */
  tokenPrefix?: string | undefined;
  /**
   * Base62 characters of randomness after the prefix (before the 6-character checksum).
   * 22 (128 bits) is the minimum accepted.
   * @default 32
   */
  length?: number | undefined;
  /**
   * Lifetime of a personal token whose creator does not say; `null` for tokens that never expire.
   * @default 2592000 (30 days)
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
   * Whether a signed-in user may send `expiresIn: null` for a token that never expires.
   * @default true
   */
  allowNoExpiry?: boolean | undefined;
  /**
   * Personal tokens one user may hold at once; the next create answers 403 `MAX_TOKENS_REACHED`.
   * Counted apart from API keys.
   * @default 10
   */
  maxTokensPerUser?: number | undefined;
  /**
   * How personal tokens are hashed at rest: `"sha256"`, `{ algorithm: "hmac-sha256", pepper }`
   * (a secret of at least 32 characters kept outside the database) or `{ hash }`. There is no
   * plaintext option.
   * @default "sha256"
   */
  hashing?: HashingOption | undefined;
  /**
   * Per-token request limit, counted in memory; over it answers 429 `RATE_LIMITED` with
   * `Retry-After`. `false` turns it off.
   * @default false
   */
  rateLimit?: RateLimitOption | false | undefined;
  /**
   * Write `lastUsedAt` at most once per token per this many seconds.
   * @default 60
   */
  lastUsedUpdateInterval?: number | undefined;
  /**
   * Upstream's option for session tokens: accept only signed session tokens (the value of the
   * `set-auth-token` header, `token.signature`) in `Authorization: Bearer`, never bare ones.
   * Personal tokens are unaffected.
   * @default false
   */
  requireSignature?: boolean | undefined;
}
