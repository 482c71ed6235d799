import type { RateLimitOption } from "../core/rate-limiter";

/** Options of `remoteVerification()`: which services may ask, and how often. */
export interface RemoteVerificationOptions {
  /**
   * The services that may verify credentials over HTTP, by name: `{ billing: process.env.BILLING_VERIFY_TOKEN }`.
   * Each sends its token as `Authorization: Bearer <token>`. A token is a secret of at least 32
   * characters, unique among the services; keep it outside the code (an environment variable).
   * The name is what the rate limit counts by and what logs may say.
   */
  services: Record<string, string>;
  /**
   * Verifications one service may ask for per window, counted in `secondaryStorage` when one is
   * configured (across every instance), in memory otherwise; beyond it, 429
   * `SERVICE_RATE_LIMITED` with `Retry-After`. It bounds how fast a leaked service token can
   * guess credentials. `false` turns it off.
   * @default { max: 1000, window: 10 }
   */
  rateLimit?: RateLimitOption | false | undefined;
}
