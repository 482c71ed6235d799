/**
 * Every error either plugin returns. Callers branch on `code`, never on `message`: codes are
 * API and stay stable across releases; messages may be reworded. No message ever contains a
 * credential, a hash or a secret.
 */
export const TOKEN_ERROR_CODES = {
  UNAUTHORIZED: { code: "UNAUTHORIZED", message: "Sign in, or send a valid API key or bearer token" },
  INVALID_CREDENTIAL: { code: "INVALID_CREDENTIAL", message: "The credential is malformed or unknown" },
  KEY_EXPIRED: { code: "KEY_EXPIRED", message: "The credential has expired" },
  KEY_DISABLED: { code: "KEY_DISABLED", message: "The credential is disabled" },
  NOT_FOUND: { code: "NOT_FOUND", message: "No such credential" },
  MAX_KEYS_REACHED: { code: "MAX_KEYS_REACHED", message: "The per-user limit of API keys is reached; revoke one first" },
  MAX_TOKENS_REACHED: {
    code: "MAX_TOKENS_REACHED",
    message: "The per-user limit of personal tokens is reached; revoke one first",
  },
  INSUFFICIENT_PERMISSIONS: {
    code: "INSUFFICIENT_PERMISSIONS",
    message: "The requested permissions are not allowed for this user or credential",
  },
  SIGN_IN_INCOMPLETE: {
    code: "SIGN_IN_INCOMPLETE",
    message: "Sign-in needs another step (such as two-factor) that this endpoint cannot complete",
  },
  RATE_LIMITED: { code: "RATE_LIMITED", message: "Too many requests with this credential; retry later" },
  INVALID_NAME: { code: "INVALID_NAME", message: "The name must be 1 to 64 printable characters" },
  INVALID_EXPIRY: { code: "INVALID_EXPIRY", message: "The expiry is outside the allowed range" },
  NO_EXPIRY_NOT_ALLOWED: { code: "NO_EXPIRY_NOT_ALLOWED", message: "Credentials without expiry are not allowed" },
  INVALID_METADATA: { code: "INVALID_METADATA", message: "Metadata must be a JSON object" },
  CREDENTIAL_NOT_ALLOWED: {
    code: "CREDENTIAL_NOT_ALLOWED",
    message: "This endpoint needs a signed-in session; API keys and personal tokens cannot call it",
  },
  VERIFICATION_UNAVAILABLE: {
    code: "VERIFICATION_UNAVAILABLE",
    message: "The credential could not be checked right now; retry later",
  },
  INVALID_PERMISSIONS: { code: "INVALID_PERMISSIONS", message: "Permissions must be scopes or resource statements" },
  INVALID_DESCRIPTION: {
    code: "INVALID_DESCRIPTION",
    message: "The description must be at most 512 characters, without control characters",
  },
  BODY_TOO_LARGE: { code: "BODY_TOO_LARGE", message: "The request body is too large" },
} as const;

export type TokenErrorCode = keyof typeof TOKEN_ERROR_CODES;
