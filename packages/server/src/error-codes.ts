/**
 * Every error either plugin answers with, written once: its message, its HTTP status and, for
 * credential errors, its RFC 6750 challenge. The session hook, the endpoints, `createVerifier`
 * and the middleware all answer from this table, so they cannot drift apart.
 *
 * Callers branch on `code`, never on `message`: codes are API and stay stable across releases;
 * messages may be reworded. No message ever contains a credential, a hash or a secret.
 */
const ERRORS = {
  // Why a credential was refused. RFC 6750 §3.1: a 401 always carries a challenge.
  UNAUTHORIZED: {
    status: 401,
    // No credential at all gets a bare challenge, with no error code.
    challenge: "",
    message: "Sign in, or send a valid API key or bearer token",
  },
  INVALID_CREDENTIAL: { status: 401, challenge: "invalid_token", message: "The credential is malformed or unknown" },
  KEY_EXPIRED: { status: 401, challenge: "invalid_token", message: "The credential has expired" },
  KEY_DISABLED: { status: 401, challenge: "invalid_token", message: "The credential is disabled" },
  USER_BANNED: { status: 401, challenge: "invalid_token", message: "The credential's owner is banned" },
  MULTIPLE_CREDENTIALS: {
    status: 400,
    challenge: "invalid_request",
    message: "Send one credential per request: X-API-Key or Authorization, not both",
  },
  INSUFFICIENT_PERMISSIONS: {
    status: 403,
    challenge: "insufficient_scope",
    message: "The requested permissions are not allowed for this user or credential",
  },
  ORGANIZATION_KEY_NOT_ACCEPTED: {
    status: 403,
    challenge: "insufficient_scope",
    message: "This route does not accept organization API keys",
  },
  CREDENTIAL_NOT_ALLOWED: {
    status: 403,
    challenge: "insufficient_scope",
    message: "This endpoint needs a signed-in session; API keys and personal tokens cannot call it",
  },
  // No challenge: the credential is valid and no scope would help; the request came from elsewhere.
  IP_NOT_ALLOWED: { status: 403, message: "The credential may not be used from this IP address" },

  // Try again later: `Retry-After` says when.
  RATE_LIMITED: { status: 429, message: "Too many requests with this credential; retry later" },
  USAGE_EXCEEDED: { status: 429, message: "The credential has no uses left" },
  OWNER_RATE_LIMITED: { status: 429, message: "Too many requests with this owner's credentials together; retry later" },
  VERIFICATION_UNAVAILABLE: { status: 503, message: "The credential could not be checked right now; retry later" },
  // A create, a roll or a lookup by value that the database failed: nothing was written.
  STORAGE_UNAVAILABLE: { status: 503, message: "The credential could not be saved or looked up right now; retry later" },

  // Verification for other services (`remoteVerification()`).
  SERVICE_UNAUTHORIZED: { status: 401, challenge: "invalid_token", message: "Send a configured service token as Authorization: Bearer" },
  SERVICE_RATE_LIMITED: { status: 429, message: "Too many verifications from this service; retry later" },

  // Managing credentials.
  NOT_FOUND: { status: 404, message: "No such credential" },
  // Not Better Auth's own USER_NOT_FOUND, which it answers with its own message.
  USER_ID_NOT_FOUND: { status: 404, message: "No user has this userId" },
  MAX_KEYS_REACHED: { status: 403, message: "The limit of API keys per user or organization is reached; revoke one first" },
  MAX_TOKENS_REACHED: { status: 403, message: "The per-user limit of personal tokens is reached; revoke one first" },
  // Organizations' keys.
  NOT_ORGANIZATION_MEMBER: { status: 403, message: "Not a member of this organization" },
  ORGANIZATION_ROLE_FORBIDS: { status: 403, message: "The role in this organization does not allow this action" },
  ORGANIZATION_ID_REQUIRED: { status: 400, message: "This API-key configuration belongs to organizations: send organizationId" },
  ORGANIZATION_NOT_FOUND: { status: 404, message: "No such organization" },
  IMPERSONATED_SESSION: {
    status: 403,
    message: "An impersonated session cannot create, roll or widen credentials; use a server-side call",
  },
  UNKNOWN_CONFIGURATION: {
    status: 400,
    message: "No API-key configuration matches this call: check configId, and send organizationId only for organization keys",
  },
  INVALID_SIGN_IN_CODE: {
    status: 400,
    message: "The sign-in code is malformed, unknown, expired or already used; sign in again",
  },
  // Rolling a credential's secret.
  CANNOT_ROLL_EXPIRED: { status: 400, message: "An expired credential cannot be rolled; create a new one" },
  ROLL_CONFLICT: { status: 503, message: "The credential was rolled by another request at the same time; retry" },
  SIGN_IN_INCOMPLETE: { status: 403, message: "Sign-in needs another step (such as two-factor) that this endpoint cannot complete" },

  // What a request may carry.
  INVALID_NAME: { status: 400, message: "The name must be 1 to 64 characters, without control characters or bidirectional overrides" },
  INVALID_DESCRIPTION: { status: 400, message: "The description must be at most 512 characters, without control characters or bidirectional overrides" },
  INVALID_EXPIRY: { status: 400, message: "The expiry is outside the allowed range" },
  INVALID_GRACE_PERIOD: { status: 400, message: "The grace period is outside the allowed range" },
  NO_EXPIRY_NOT_ALLOWED: { status: 400, message: "Credentials without expiry are not allowed" },
  INVALID_METADATA: {
    status: 400,
    message: "Metadata must be a JSON object of at most 8 KB and 5 levels, without __proto__, constructor or prototype keys",
  },
  INVALID_QUOTA: {
    status: 400,
    message: "The usage quota is inconsistent: a refill needs both refillAmount and refillInterval, and a quota to refill",
  },
  QUOTA_NOT_ALLOWED: { status: 403, message: "This usage quota is beyond what the app lets you set" },
  INVALID_RATE_LIMIT: { status: 400, message: "A credential's own rate limit needs both rateLimitTimeWindow and rateLimitMax" },
  RATE_LIMIT_NOT_ALLOWED: { status: 403, message: "Only the app's server may set a credential's own rate limit" },
  ROLL_BEFORE_RATE_LIMIT: { status: 400, message: "A key made by @better-auth/api-key takes its own rate limit once rolled: roll it first" },
  INVALID_IP_ALLOWLIST: {
    status: 400,
    message:
      "allowedIps must list 1 to 100 IPv4 or IPv6 addresses or CIDR ranges, each range from its first address (10.0.0.0/8); null removes it",
  },
  IP_ALLOWLIST_NOT_ALLOWED: { status: 403, message: "Only the app's server may set a credential's IP allowlist" },
  BODY_TOO_LARGE: { status: 413, message: "The request body is too large" },
} as const satisfies Record<string, ErrorDefinition>;

/** How one code is said over HTTP. */
export interface ErrorDefinition {
  status: 400 | 401 | 403 | 404 | 413 | 429 | 503;
  /**
   * RFC 6750 §3.1 `error=` of the `WWW-Authenticate: Bearer` challenge; `""` for a bare
   * challenge; absent when the error is not about the credential (no challenge is sent).
   */
  challenge?: "" | "invalid_request" | "invalid_token" | "insufficient_scope";
  message: string;
}

export type TokenErrorCode = keyof typeof ERRORS;

/** The full definition of every code: status and challenge beside the message. */
export const TOKEN_ERROR_DEFINITIONS: { readonly [K in TokenErrorCode]: ErrorDefinition & (typeof ERRORS)[K] } = ERRORS;

/** `{ CODE: { code, message } }`, the shape Better Auth's `$ERROR_CODES` and clients read. */
export const TOKEN_ERROR_CODES = Object.fromEntries(
  Object.entries(ERRORS).map(([code, { message }]) => [code, { code, message }]),
) as { readonly [K in TokenErrorCode]: { readonly code: K; readonly message: (typeof ERRORS)[K]["message"] } };
