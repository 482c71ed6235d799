// Relative on purpose, as the error table: the build bundles it, so a service that installs only
// this package still answers as the auth server does.
import { errorAnswer, type ErrorAnswer } from "../../server/src/core/error-answer";
import { TOKEN_ERROR_DEFINITIONS } from "../../server/src/error-codes";
import type { RemoteVerifyResult } from "./verify-remote";

export type { ErrorAnswer };

/** Refusals that say this service could not ask, not that the credential is bad. */
const COULD_NOT_ASK: ReadonlySet<string> = new Set(["SERVICE_UNAUTHORIZED", "SERVICE_RATE_LIMITED", "VERIFICATION_UNAVAILABLE"]);

/**
 * How to answer the request whose credential `verify` refused: the status, headers and body the
 * auth server answers the same refusal with (RFC 6750). A bad or missing credential is 401 with
 * `WWW-Authenticate: Bearer`, a missing permission 403 `insufficient_scope`, a rate limit or a
 * used-up quota 429 with `Retry-After`. When this service could not ask (its token refused, its
 * own rate limit, the server out of reach) the caller's credential was never judged: that is
 * 503 `VERIFICATION_UNAVAILABLE` with `Retry-After`, never a 401 that tells a client to drop a
 * good key.
 *
 * @example
 * const result = await verify(request, { permissions: { invoices: ["read"] } });
 * if (!result.valid) {
 *   const { status, headers, body } = refusalAnswer(result);
 *   return Response.json(body, { status, headers });
 * }
 */
export function refusalAnswer(result: Extract<RemoteVerifyResult, { valid: false }>): ErrorAnswer {
  const retryAfterSeconds = result.retryAfterSeconds ?? undefined;
  // A code this version does not know (a newer server's) says no verdict it can pass on: 503.
  if (COULD_NOT_ASK.has(result.code) || !Object.hasOwn(TOKEN_ERROR_DEFINITIONS, result.code)) {
    return errorAnswer("VERIFICATION_UNAVAILABLE", { retryAfterSeconds });
  }
  return errorAnswer(result.code, { retryAfterSeconds });
}
