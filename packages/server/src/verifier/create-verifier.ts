import type { AuthContext, User } from "better-auth";
import type { CredentialConfig } from "../core/credential-config";
import type { CredentialKind } from "../core/credential-runtime";
import { instanceKinds } from "../core/instance-kinds";
import type { PublicCredential, Statements } from "../core/credential-table";
import { readsApiKeyHeader } from "../core/installed-credentials";
import { errorAnswer, type ErrorAnswer } from "../core/credential-errors";
import { isSubset, toStatements } from "../core/permissions";
import { presentsSeveralCredentials, readCredential } from "../core/read-credential";
import { verifyCredential } from "../core/verify-credential";
import type { TokenErrorCode } from "../error-codes";
import type { CredentialRequirement } from "./requirement";

/** A request that proved who it is with an API key or personal token. */
export interface VerifiedCredential {
  user: User;
  /** Public fields of the credential: never the key or its hash. */
  key: PublicCredential;
  permissions: Statements;
  authMethod: CredentialConfig["authMethod"];
}

/** Why a request was refused, ready to send: status, headers and a body with a stable code. */
export type CredentialFailure = ErrorAnswer;

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
    requirement: CredentialRequirement = {},
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
      if (requirement.permissions && !meetsPermissions(kind.authMethod, key.permissions, requirement)) {
        return failure("INSUFFICIENT_PERMISSIONS");
      }
      return { ok: true, user: outcome.user, key, permissions: key.permissions, authMethod: kind.authMethod };
    }
    return failure("UNAUTHORIZED");
  }

  return {
    authenticate,
    /** The verified credential, or null for anything else. */
    async verify(input: Request | Headers | HeadersInit, requirement: CredentialRequirement = {}) {
      const result = await authenticate(input, requirement);
      if (!result.ok) return null;
      const { ok: _ok, ...verified } = result;
      return verified satisfies VerifiedCredential;
    },
  };
}

export type Verifier = ReturnType<typeof createVerifier>;

function failure(code: TokenErrorCode, retryAfterSeconds?: number): { ok: false } & CredentialFailure {
  return { ok: false, ...errorAnswer(code, { retryAfterSeconds }) };
}

function meetsPermissions(
  authMethod: CredentialConfig["authMethod"],
  granted: Statements,
  requirement: CredentialRequirement,
): boolean {
  if (authMethod === "personal-token") return requirement.personalTokens === "owner";
  return isSubset(toStatements(requirement.permissions), granted);
}
