import type { GenericEndpointContext, User } from "better-auth";
import { getSessionFromCtx } from "better-auth/api";
import { credentialError } from "./credential-errors";

/** Who is managing credentials: a signed-in user, or trusted server code acting for a user. */
export type Actor = { kind: "user"; userId: string; user: User } | { kind: "server"; userId: string };

/**
 * Credential management needs a real sign-in (cookie or session token). A request that
 * authenticated *with* an API key or personal token is refused, so a leaked read-only key
 * cannot mint itself a broader one. Only a server-side call with neither `headers` nor `request`
 * may name the user in `userId`, as upstream decides: an app route that forwards a browser's
 * headers is a client call, and acting for a `userId` it carries would let anyone mint keys.
 */
export async function resolveActor(ctx: GenericEndpointContext, serverUserId: string | undefined): Promise<Actor> {
  const session = await getSessionFromCtx(ctx);
  if (session) {
    if ("authMethod" in session.session) throw credentialError("CREDENTIAL_NOT_ALLOWED");
    return { kind: "user", userId: session.user.id, user: session.user };
  }
  if (!ctx.request && !ctx.headers && serverUserId) return { kind: "server", userId: serverUserId };
  throw credentialError("UNAUTHORIZED");
}

/** Trusted server code acting for an organization without naming a user. */
export type ServerWithoutUser = { kind: "server"; userId: undefined };

/**
 * As `resolveActor`, but a server-side call (neither `headers` nor `request`) may leave `userId`
 * out: an organization's key needs no user, only the organization.
 */
export async function resolveOrganizationCaller(ctx: GenericEndpointContext, serverUserId: string | undefined): Promise<Actor | ServerWithoutUser> {
  if (!ctx.request && !ctx.headers && !serverUserId) return { kind: "server", userId: undefined };
  return resolveActor(ctx, serverUserId);
}
