import type { AuthContext, User } from "better-auth";
import type { CredentialConfig } from "../core/credential-config";
import type { CredentialKind } from "../core/credential-runtime";
import { instanceKinds } from "../core/instance-kinds";
import type { PublicCredential, Statements } from "../core/credential-table";
import { readsApiKeyHeader } from "../core/installed-credentials";
import { isSubset, toStatements, type PermissionsInput } from "../core/permissions";
import { presentsSeveralCredentials, readCredential } from "../core/read-credential";
import { verifyCredential } from "../core/verify-credential";
import { TOKEN_ERROR_CODES, type TokenErrorCode } from "../error-codes";

/** A request that proved who it is with an API key or personal token. */
export interface VerifiedCredential {
  user: User;
  /** Public fields of the credential: never the key or its hash. */
  key: PublicCredential;
  permissions: Statements;
  authMethod: CredentialConfig["authMethod"];
}

/** Why a request was refused, ready to send: status, headers and a body with a stable code. */
export interface CredentialFailure {
  status: 400 | 401 | 403 | 429 | 503;
  code: TokenErrorCode;
  headers: Record<string, string>;
  body: { code: TokenErrorCode; message: string };
}

export type AuthenticateResult = ({ ok: true } & VerifiedCredential) | ({ ok: false } & CredentialFailure);

/** Any `betterAuth()` instance: its context type depends on its options, so only the shape is checked. */
type AuthLike = { $context: PromiseLike<object> };

/**
 * Verifies API keys and personal tokens without building a Better Auth session: for hot paths
 * and for non-Better-Auth routes. Same checks, cache, rate limit and `lastUsedAt` as the plugins.
 *
 * @example
 * const verifier = createVerifier(auth);
 * const result = await verifier.authenticate(request, { permissions: ["read"] });
 * if (!result.ok) return Response.json(result.body, { status: result.status, headers: result.headers });
 */
export function createVerifier(auth: AuthLike) {
  type Loaded = { context: AuthContext; kinds: CredentialKind[] };
  let loaded: Loaded | undefined;
  let loading: Promise<Loaded> | undefined;
  const load = () => {
    loading ??= Promise.resolve(auth.$context as PromiseLike<AuthContext>).then((context) => {
      const kinds = instanceKinds(context);
      if (kinds.length === 0) throw new Error("createVerifier: neither apiKey() nor bearer() is installed in this auth instance");
      loaded = { context, kinds };
      return loaded;
    });
    return loading;
  };

  async function authenticate(
    input: Request | Headers | HeadersInit,
    requirement: { permissions?: PermissionsInput } = {},
  ): Promise<AuthenticateResult> {
    const headers = input instanceof Request ? input.headers : input instanceof Headers ? input : new Headers(input);
    const { context, kinds } = loaded ?? (await load());
    if (presentsSeveralCredentials(headers, readsApiKeyHeader(context.options))) return failure("MULTIPLE_CREDENTIALS");
    for (const kind of kinds) {
      const presented = readCredential(headers, kind);
      if (!presented) continue;
      const outcome = await verifyCredential(context, kind, presented);
      if (!outcome.ok) return failure(outcome.code, outcome.retryAfterSeconds);
      const key = outcome.view;
      if (requirement.permissions && !isSubset(toStatements(requirement.permissions), key.permissions)) {
        return failure("INSUFFICIENT_PERMISSIONS");
      }
      return { ok: true, user: outcome.user, key, permissions: key.permissions, authMethod: kind.authMethod };
    }
    return failure("UNAUTHORIZED");
  }

  return {
    authenticate,
    /** The verified credential, or null for anything else. */
    async verify(input: Request | Headers | HeadersInit, requirement: { permissions?: PermissionsInput } = {}) {
      const result = await authenticate(input, requirement);
      if (!result.ok) return null;
      const { ok: _ok, ...verified } = result;
      return verified satisfies VerifiedCredential;
    },
  };
}

export type Verifier = ReturnType<typeof createVerifier>;

function failure(code: TokenErrorCode, retryAfterSeconds?: number): { ok: false } & CredentialFailure {
  const body = { code, message: TOKEN_ERROR_CODES[code].message };
  if (code === "RATE_LIMITED") {
    return { ok: false, status: 429, code, body, headers: { "Retry-After": String(retryAfterSeconds ?? 1) } };
  }
  if (code === "USAGE_EXCEEDED") return { ok: false, status: 429, code, body, headers: {} };
  if (code === "VERIFICATION_UNAVAILABLE") {
    return { ok: false, status: 503, code, body, headers: { "Retry-After": "1" } };
  }
  if (code === "MULTIPLE_CREDENTIALS") {
    return { ok: false, status: 400, code, body, headers: { "WWW-Authenticate": `Bearer error="invalid_request"` } };
  }
  if (code === "INSUFFICIENT_PERMISSIONS") {
    return { ok: false, status: 403, code, body, headers: { "WWW-Authenticate": `Bearer error="insufficient_scope"` } };
  }
  // RFC 6750 §3.1: no credential at all gets a bare challenge, a bad one says invalid_token.
  const challenge = code === "UNAUTHORIZED" ? "Bearer" : `Bearer error="invalid_token"`;
  return { ok: false, status: 401, code, body, headers: { "WWW-Authenticate": challenge } };
}
