import type { CredentialOptions } from "../core/credential-options";
import type { ClientQuotaOption } from "../core/client-quota";

/** Options of `bearer()`; the shared ones (hashing, cache, rate limit, …) are in `CredentialOptions`. */
export interface BearerOptions extends CredentialOptions {
  /**
   * Readable start of every personal token, so people and secret scanners can tell what a
   * leaked string is, and so the `Authorization: Bearer` header tells personal tokens from
   * session tokens without a database read. A letter, up to 15 letters or digits, then `_`.
   * Must not overlap `apiKey()`'s prefix (neither may start with the other).
   * @default "bat_"
   */
  tokenPrefix?: string | undefined;
  /**
   * Lifetime of a personal token whose creator does not say; `null` for tokens that never expire.
   * A number must lie within `minExpiresIn` and `maxExpiresIn`, this default too: with a
   * `maxExpiresIn` under 30 days, set this as well, or `bearer()` throws.
   * @default 2592000 (30 days)
   */
  defaultExpiresIn?: number | null | undefined;
  /**
   * Personal tokens one user may hold at once; the next create answers 403 `MAX_TOKENS_REACHED`.
   * Counted apart from API keys. Exact under parallel creates in one process, and across
   * instances where the adapter runs transactions on a database that locks rows (PostgreSQL,
   * MariaDB; see docs/security.md for each database).
   * @default 10
   */
  maxTokensPerUser?: number | undefined;
  /**
   * What a signed-in user may set of a new personal token's usage quota (`remaining`,
   * `refillAmount`, `refillInterval`). `false`: nothing, a user sending any answers 403
   * `QUOTA_NOT_ALLOWED` and nothing is written; `true` or bounds: a quota within the bounds.
   * Server-side calls may set any quota.
   * @default false
   */
  clientQuota?: ClientQuotaOption | boolean | undefined;
  /**
   * Upstream's option for session tokens: accept only signed session tokens (the value of the
   * `set-auth-token` header, `token.signature`) in `Authorization: Bearer`, never bare ones.
   * Personal tokens are unaffected.
   * @default false
   */
  requireSignature?: boolean | undefined;
  /**
   * One-time codes for sign-ins that end in a redirect (social, magic link with a `callbackURL`),
   * where no header can reach the app: when the sign-in's callback URL carries
   * `bearer_code=request` and is trusted, the redirect carries `bearer_code=<code>` instead, which
   * `POST /bearer/exchange-code` swaps once for the session token. `expiresIn` is the code's
   * lifetime in seconds (10 to 600). `false` turns codes off; sign-ins that do not ask get none.
   * @default { expiresIn: 60 }
   */
  signInCode?: { expiresIn?: number | undefined } | false | undefined;
}
