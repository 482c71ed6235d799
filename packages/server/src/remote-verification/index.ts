import type { AuthContext, BetterAuthPlugin } from "better-auth";
import { createRateLimiter, validateRateLimit, type RateLimitDecision } from "../core/rate-limiter";
import { createSharedRateLimiter } from "../core/shared-rate-limiter";
import { TOKEN_ERROR_CODES } from "../error-codes";
import type { RemoteVerificationOptions } from "./options";
import { REMOTE_VERIFY_PATH, verifyForServiceRoute } from "./routes/verify-for-service";
import { resolveServiceTokens } from "./service-tokens";

export type { RemoteVerificationOptions } from "./options";
export type { RemoteVerification } from "./remote-verification-result";

const DEFAULT_RATE_LIMIT = { max: 1000, window: 10 };
/** How long one count in `secondaryStorage` may take before the service is counted in memory. */
const STORAGE_TIMEOUT_MS = 1000;
/** Where each `betterAuth()` instance keeps this plugin's limiter: on its own context. */
const LIMITER = Symbol("better-auth-tokens: service rate limit");

/**
 * Verification for the app's other services: `POST /service/verify-credential`, for services
 * that do not run Better Auth. Each service authenticates with its own token; a user's session or
 * key never reaches the endpoint, and each service is rate limited, so it is no public oracle for
 * guessing keys. Install it beside `apiKey()` and/or `bearer()`; the service side is
 * `verifyRemote(url, serviceToken)` from `@better-auth-tokens/client`.
 *
 * @example
 * betterAuth({ plugins: [apiKey(), remoteVerification({ services: { billing: process.env.BILLING_VERIFY_TOKEN! } })] })
 */
export function remoteVerification(options: RemoteVerificationOptions) {
  const tokens = resolveServiceTokens(options?.services);
  const rateLimit = validateRateLimit(options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit, "rateLimit");
  const limiterOf = (context: AuthContext) => (context as { [LIMITER]?: (service: string) => RateLimitDecision | Promise<RateLimitDecision> })[LIMITER];
  return {
    id: "better-auth-tokens-remote-verification",
    $ERROR_CODES: TOKEN_ERROR_CODES,
    init(context) {
      const installed = context.options.plugins?.map((plugin) => plugin.id) ?? [];
      if (!installed.includes("api-key") && !installed.includes("bearer")) {
        throw new Error("remoteVerification() verifies the credentials of apiKey() or bearer(): install at least one of them");
      }
      const increment = context.secondaryStorage?.increment;
      const limiter =
        rateLimit && typeof increment === "function"
          ? createSharedRateLimiter(rateLimit, {
              increment: increment.bind(context.secondaryStorage),
              namespace: "better-auth-tokens:service-rate-limit",
              timeoutMs: STORAGE_TIMEOUT_MS,
              logger: context.logger,
            })
          : createRateLimiter(rateLimit);
      return { context: { [LIMITER]: limiter } as Partial<AuthContext> };
    },
    endpoints: {
      // The limiter is read from the request's context: each betterAuth() instance has its own.
      verifyCredentialForService: verifyForServiceRoute(tokens, (context, service) => limiterOf(context)!(service)),
    },
    // Better Auth's own limiter counts per IP and path, and its default (100 in 10 s) would
    // throttle a busy service long before its own limit: the rule says what this path allows.
    rateLimit: [{ pathMatcher: (path: string) => path === REMOTE_VERIFY_PATH, ...(rateLimit || { window: 10, max: 100_000 }) }],
  } satisfies BetterAuthPlugin;
}
