import { APIError } from "better-auth/api";
import { TOKEN_ERROR_CODES, type TokenErrorCode } from "../error-codes";

type Status = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE";

/** An APIError whose body is `{ code, message }` from the one error table. */
export function credentialError(status: Status, code: TokenErrorCode, headers?: Record<string, string>) {
  const { message } = TOKEN_ERROR_CODES[code];
  return new APIError(status, { code, message }, headers);
}

/** RFC 6750 §3: a rejected credential is 401 and says why in `WWW-Authenticate`. */
export function invalidCredentialError(code: TokenErrorCode) {
  return credentialError("UNAUTHORIZED", code, {
    "WWW-Authenticate": `Bearer error="invalid_token", error_description="${TOKEN_ERROR_CODES[code].message}"`,
  });
}

/** RFC 6750 §3.1: a request that sends more than one credential is 400 `invalid_request`. */
export function multipleCredentialsError() {
  return credentialError("BAD_REQUEST", "MULTIPLE_CREDENTIALS", {
    "WWW-Authenticate": `Bearer error="invalid_request", error_description="${TOKEN_ERROR_CODES.MULTIPLE_CREDENTIALS.message}"`,
  });
}

/** RFC 6750 §3.1: a valid credential without the needed permission is 403 `insufficient_scope`. */
export function insufficientScopeError() {
  return credentialError("FORBIDDEN", "INSUFFICIENT_PERMISSIONS", {
    "WWW-Authenticate": `Bearer error="insufficient_scope", error_description="${TOKEN_ERROR_CODES.INSUFFICIENT_PERMISSIONS.message}"`,
  });
}

export function rateLimitedError(retryAfterSeconds: number) {
  return credentialError("TOO_MANY_REQUESTS", "RATE_LIMITED", { "Retry-After": String(retryAfterSeconds) });
}

/** The database could not answer in time: refuse, and say when to try again. */
export function verificationUnavailableError() {
  return credentialError("SERVICE_UNAVAILABLE", "VERIFICATION_UNAVAILABLE", { "Retry-After": "1" });
}

/** A valid credential on an endpoint that needs a real sign-in (RFC 6750 §3.1 insufficient_scope). */
export function credentialNotAllowedError() {
  return credentialError("FORBIDDEN", "CREDENTIAL_NOT_ALLOWED", {
    "WWW-Authenticate": `Bearer error="insufficient_scope", error_description="${TOKEN_ERROR_CODES.CREDENTIAL_NOT_ALLOWED.message}"`,
  });
}
