import { isRefusal, type AdmitResult, type Verifier, type VerifiedFor } from "./create-verifier";
import { admitCredential, admitRequest, type HonoContextLike } from "./hono-context";
import type { CredentialRequirement } from "./requirement";

/** A route's handler that runs once the request proved who it is: the credential is its second argument. */
export type CredentialHandler<C, V, T> = (c: C, credential: V) => T;

/**
 * Protects one Hono route by wrapping its handler: answers 401/403/429 with a stable code, or
 * calls the handler with the credential (also in `c.get("credential")`, with the RateLimit
 * fields set as `requireCredential` sets them). The checks are `requireCredential`'s.
 *
 * The route then has one handler, which Hono calls directly where no `app.use` matches it; with
 * a middleware it goes through Hono's middleware chain and a promise. Warm, with Node's hash and
 * no rate limit in `secondaryStorage`, the verifier answers at once, so a handler that answers at
 * once answers the request in the same turn: on a busy server, the difference is most of what a
 * middleware costs. Behind `requireCredential` (`app.use` on a prefix), it checks its own
 * requirement on what the middleware admitted the request with: the request is verified and
 * counted against the credential's rate limit and quota once.
 *
 * The handler returns a Response, as any Hono handler does. For Hono's RPC client (`hc`),
 * annotate `c` with Hono's `Context`: unannotated, it is `any`, and so is the route's output.
 *
 * @example
 * app.get("/api/projects", withCredential(verifier, { permissions: ["read"] }, (c, { user }) => c.json(list(user.id))));
 */
// `C` defaults to `any`: TypeScript cannot infer Hono's context from inside `app.get(…)`, whose
// overloads are generic, and this package does not depend on Hono's types. Annotate `c` with
// Hono's `Context` to have it checked; the credential is typed either way.
export function withCredential<T, C extends HonoContextLike<VerifiedFor<Record<never, never>>> = any>(
  verifier: Verifier,
  handler: CredentialHandler<C, VerifiedFor<Record<never, never>>, T>,
): (c: C) => T | Promise<Awaited<T>>;
export function withCredential<R extends CredentialRequirement, T, C extends HonoContextLike<VerifiedFor<R>> = any>(
  verifier: Verifier,
  requirement: R,
  handler: CredentialHandler<C, VerifiedFor<R>, T>,
): (c: C) => T | Promise<Awaited<T>>;
export function withCredential<R extends CredentialRequirement, C extends HonoContextLike<VerifiedFor<R>>, T>(
  verifier: Verifier,
  requirementOrHandler: R | CredentialHandler<C, VerifiedFor<R>, T>,
  maybeHandler?: CredentialHandler<C, VerifiedFor<R>, T>,
): (c: C) => T | Promise<Awaited<T>> {
  // `?? {}`: a requirement left out by a caller without types is no requirement, as in the middleware.
  const [requirement, handler] =
    typeof requirementOrHandler === "function" ? [{} as R, requirementOrHandler] : [requirementOrHandler ?? ({} as R), maybeHandler];
  if (typeof handler !== "function") throw new TypeError("withCredential: the last argument must be the route's handler");
  return (c) => {
    const result = admitRequest(verifier, c, requirement);
    // A refusal is a Response the route's type does not list, as a middleware's refusal is not.
    if (!(result instanceof Promise)) return answer(c, result, handler) as T;
    // A promise that settles to the handler's: `then` flattens it, which its type does not say.
    return result.then((settled) => answer(c, settled, handler)) as Promise<Awaited<T>>;
  };
}

function answer<R extends CredentialRequirement, C extends HonoContextLike<VerifiedFor<R>>, T>(
  c: C,
  result: AdmitResult<R>,
  handler: CredentialHandler<C, VerifiedFor<R>, T>,
): T | Response {
  if (isRefusal(result)) return c.json(result.body, result.status, result.headers);
  const answered = handler(c, admitCredential(c, result));
  // A handler that set `c.res` and returned nothing: Hono reads `c.res` when the answer comes in
  // a promise (the first, cold request), but not when it comes at once. Answer alike on both.
  if (answered === undefined && c.finalized) return c.res as T;
  return answered;
}
