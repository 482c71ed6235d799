import { createAuthMiddleware } from "better-auth/api";
import { rateLimitHeaders, type RateLimitBudget } from "./rate-limit-budget";

/**
 * Where the session hook leaves a request's budget for the after-hook. Better Auth keeps one
 * context object per request (and copies it, keys included, when a before-hook merges into it),
 * so nothing here outlives the request.
 */
const BUDGET = Symbol.for("better-auth-tokens.rate-limit-budget");

type WithBudget = { [BUDGET]?: RateLimitBudget };

/** Called by the session hook once a credential passed its limits. */
export function rememberBudget(context: object, budget: RateLimitBudget | undefined) {
  if (budget) (context as WithBudget)[BUDGET] = budget;
}

/**
 * An after-hook that sends the RateLimit fields of a request made with a credential. They cannot
 * be set in the before-hook: Better Auth answers with the endpoint's headers, dropping a
 * before-hook's on success (a thrown 429 carries its own).
 */
export const rateLimitHeadersHook = {
  matcher: (ctx: { context?: object }) => ctx.context !== undefined && (ctx.context as WithBudget)[BUDGET] !== undefined,
  handler: createAuthMiddleware(async (ctx) => {
    const budget = (ctx.context as WithBudget)[BUDGET];
    for (const [name, value] of Object.entries(rateLimitHeaders(budget))) ctx.setHeader(name, value);
  }),
};
