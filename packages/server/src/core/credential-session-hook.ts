import type { AuthContext, User } from "better-auth";
import { createAuthMiddleware, getIP } from "better-auth/api";
import type { CredentialConfig } from "./credential-config";
import type { CredentialKind } from "./credential-runtime";
import { kindFor } from "./instance-kinds";
import type { CredentialRow } from "./credential-table";
import { credentialError } from "./credential-errors";
import { CREDENTIAL_HEADERS, credentialSessionCookie } from "./credential-session-cookie";
import { apiKeyChannels } from "./api-key-headers";
import { presentsSeveralCredentials, readCredential } from "./read-credential";
import { verifyCredential } from "./verify-credential";
import type { TokenErrorCode } from "../error-codes";
import { rememberBudget } from "./rate-limit-header-hook";
import { markCredentialSession } from "./withhold-jwt-hook";

/** The session Better Auth sees for a request made with a credential. */
export interface CredentialSession {
  user: User;
  session: {
    id: string;
    /** Not the credential: an opaque marker, so nothing downstream can echo the secret. */
    token: string;
    userId: string;
    createdAt: Date;
    updatedAt: Date;
    expiresAt: Date;
    ipAddress: string | null;
    userAgent: string | null;
    /** How this request authenticated: lets apps refuse credential sessions where they must. */
    authMethod: CredentialConfig["authMethod"];
    /** The credential's id (never its value), for audit logs. */
    credentialId: string;
  };
}

/**
 * A before-hook that turns a valid credential into a Better Auth session on `sessionEndpoints`
 * (by default only `/get-session`), so `auth.api.getSession({ headers })` and the app's own
 * middleware accept credentials unchanged. Better Auth's other endpoints refuse a valid
 * credential with 403 `CREDENTIAL_NOT_ALLOWED`.
 *
 * A bad credential never falls back to a cookie: `/get-session` answers null, other endpoints
 * 401 with `WWW-Authenticate`. Rate limits and used-up quotas answer 429 everywhere.
 *
 * Server-only endpoints (they have no path: `verifyApiKey`, Better Auth's `setPassword`, …) are
 * called by server code, which may forward a client's headers, e.g. for `verifyApiKey` to resolve
 * the client's address. A credential there is not the caller: it is not verified (that would spend
 * a use of the very key `verifyApiKey` is asked about, then refuse the call), and gets no session,
 * nor does a cookie sent beside it.
 */
export function createCredentialSessionHooks(config: CredentialConfig) {
  const forwardedToServerOnly = {
    matcher: (ctx: HookInput) => ctx.path === undefined && readCredential(headersOf(ctx), config) !== null,
    handler: createAuthMiddleware(async () => failClosed(config)),
  };
  return [createCredentialSessionHook(config), forwardedToServerOnly];
}

function createCredentialSessionHook(config: CredentialConfig) {
  return {
    matcher: (ctx: HookInput) => ctx.path !== undefined && readCredential(headersOf(ctx), config) !== null,
    handler: createAuthMiddleware(async (ctx) => {
      const headers = headersOf(ctx);
      const presented = readCredential(headers, config);
      if (!presented) return;
      const kind = kindFor(ctx.context, config);
      if (presentsSeveralCredentials(headers, apiKeyChannels(ctx.context.options))) {
        if (ctx.path === "/get-session") return failClosed(config);
        throw credentialError("MULTIPLE_CREDENTIALS");
      }
      const outcome = await verifyCredential(ctx.context, kind, presented, ctx.request ?? ctx.headers);
      if (outcome.ok) {
        // Better Auth's own account and session endpoints would hand a leaked key the keys to
        // the account (e.g. /list-sessions returns session tokens): they need a real sign-in.
        if (!kind.sessionEndpoints.has(ctx.path)) throw credentialError("CREDENTIAL_NOT_ALLOWED");
        // What is left of the limit, sent by the after-hook so clients slow down before a 429.
        rememberBudget(ctx.context, outcome.budget);
        // An organization's key acts for no user, so it gets no user session (as upstream): it
        // must never carry the rights of the member who created it. Apps read it with
        // createVerifier or verifyApiKey, which name the organization.
        if (!outcome.user) return failClosed(config);
        const session = toSession(ctx.context, kind, outcome.row, outcome.user, ctx.request);
        markCredentialSession(ctx.context);
        if (ctx.path === "/get-session") return credentialSessionCookie(ctx, kind, session);
        // Elsewhere Better Auth's getSessionFromCtx returns the context's session as it is.
        ctx.context.session = session as unknown as AuthContext["session"];
        return;
      }
      // A rate limit or a used-up quota is answered everywhere, so clients back off; any other
      // refusal on /get-session is a null session, as for a cookie that does not verify.
      if (!BACK_OFF_CODES.has(outcome.code) && ctx.path === "/get-session") return failClosed(config);
      throw credentialError(outcome.code, outcome);
    }),
  };
}

type HookInput = { path?: string | undefined; headers?: Headers | undefined; request?: Request | undefined };

/**
 * The request's headers: `auth.api.x({ request })` passes no `headers`, and hooks then see only
 * the request. Upstream's bearer hook reads a session token from it, so a credential is read there too.
 */
function headersOf(ctx: HookInput): Headers | undefined {
  return ctx.headers ?? ctx.request?.headers;
}

/** Refusals that say "later", with `Retry-After`, rather than "no". */
const BACK_OFF_CODES: ReadonlySet<TokenErrorCode> = new Set(["RATE_LIMITED", "OWNER_RATE_LIMITED", "USAGE_EXCEEDED"]);

/**
 * Blanks every credential header (Better Auth merges hook headers with set(), so blanking is how
 * to remove one): getSession then finds no session, not even a cookie's.
 */
function failClosed(config: CredentialConfig) {
  const blanked = new Headers();
  for (const name of [...CREDENTIAL_HEADERS, ...config.apiKeyHeaders]) blanked.set(name, "");
  return { context: { headers: blanked } };
}

function toSession(
  context: AuthContext,
  kind: CredentialKind,
  row: CredentialRow,
  user: User,
  request: Request | undefined,
): CredentialSession {
  const now = new Date();
  const sessionLifetimeMs = (context.sessionConfig?.expiresIn ?? 7 * 24 * 3600) * 1000;
  return {
    user,
    session: {
      id: row.id,
      token: `${kind.authMethod}:${row.id}`,
      userId: row.referenceId,
      createdAt: new Date(row.createdAt),
      updatedAt: now,
      expiresAt: row.expiresAt ? new Date(row.expiresAt) : new Date(now.getTime() + sessionLifetimeMs),
      ipAddress: request ? (getIP(request, context.options) ?? null) : null,
      userAgent: request?.headers.get("user-agent") ?? null,
      authMethod: kind.authMethod,
      credentialId: row.id,
    },
  };
}
