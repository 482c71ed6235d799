import type { CredentialRequirement } from "./requirement";
import { ADMIT_NOW, isRefusal, type AdmitResult, type Verifier, type VerifiedFor } from "./create-verifier";
import { admitCredential, admitRequest, type HonoContextLike } from "./hono-context";
import { nodeHeaderSource, type NodeHeaders } from "./node-header-source";

/**
 * Hono middleware: answers 401/403/429 with a stable code, or sets `c.get("credential")`.
 * Behind another guard of the same instance (`app.use` on a prefix, and this on a route), it
 * checks its requirement on what the request was already admitted with: one verification, one
 * count against the credential's rate limit and quota.
 * A route with a middleware goes through Hono's middleware chain and a promise; `withCredential`
 * wraps the route's handler instead, which a warm request answers without either.
 *
 * @example
 * app.use("/api/*", requireCredential(createVerifier(auth), { permissions: ["read"] }));
 */
export function requireCredential<R extends CredentialRequirement = Record<never, never>>(verifier: Verifier, requirement: R = {} as R) {
  // Not an async function: warm, the verifier answers at once, and each promise and microtask
  // hop a request makes shows in a busy server's throughput.
  return (c: HonoContextLike<VerifiedFor<R>>, next: () => Promise<void>): Promise<Response | void> => {
    const result = admitRequest(verifier, c, requirement);
    return result instanceof Promise ? result.then((settled) => proceed(c, next, settled)) : proceed(c, next, result);
  };
}

function proceed<R extends CredentialRequirement>(
  c: HonoContextLike<VerifiedFor<R>>,
  next: () => Promise<void>,
  result: AdmitResult<R>,
): Promise<Response | void> {
  if (isRefusal(result)) return Promise.resolve(c.json(result.body, result.status, result.headers));
  admitCredential(c, result);
  // Not `next()`'s own promise: it settles to Hono's context, which Hono would take for this
  // middleware's answer when the route answers nothing, and hand out instead of a Response,
  // past `onError`. A middleware that awaits `next()` answers nothing, so Hono raises its error.
  return next().then(answerNothing);
}

function answerNothing(): void {}

interface NodeRequestLike<V> {
  headers: NodeHeaders;
  credential?: V;
}
interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/**
 * Node/Express/Connect middleware: answers 401/403/429 with a stable code, or sets
 * `req.credential` and calls `next()`. Stacked, as `requireCredential` is, it verifies once.
 *
 * @example
 * app.use("/api", requireCredentialNode(createVerifier(auth)));
 */
export function requireCredentialNode<R extends CredentialRequirement = Record<never, never>>(verifier: Verifier, requirement: R = {} as R) {
  return (req: NodeRequestLike<VerifiedFor<R>>, res: NodeResponseLike, next: (error?: unknown) => void) => {
    // Two steps: an error in this guard's own work (a header the response can no longer take)
    // reaches `next(error)`; one thrown by `next()` itself, the route's, is not fed back to it.
    admitNode(verifier, req, requirement)
      .then((result) => letIn(req, res, result))
      .then((admitted) => {
        if (admitted) next();
      }, next);
  };
}

/** Answers a refusal, or sets `req.credential` and the RateLimit fields; whether the request may go on. */
function letIn<R extends CredentialRequirement>(req: NodeRequestLike<VerifiedFor<R>>, res: NodeResponseLike, result: AdmitResult<R>): boolean {
  if (isRefusal(result)) {
    res.statusCode = result.status;
    res.setHeader("content-type", "application/json");
    for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
    res.end(JSON.stringify(result.body));
    return false;
  }
  const { credential } = result;
  req.credential = credential;
  const { headers } = credential;
  for (const name in headers) res.setHeader(name, headers[name]!);
  return true;
}

/** Async, so that whatever goes wrong reaches `next(error)`, thrown or rejected. */
async function admitNode<R extends CredentialRequirement>(verifier: Verifier, req: NodeRequestLike<VerifiedFor<R>>, requirement: R): Promise<AdmitResult<R>> {
  return verifier[ADMIT_NOW](nodeHeaderSource(req.headers), requirement, req);
}
