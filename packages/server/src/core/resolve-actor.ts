import type { GenericEndpointContext, User } from "better-auth";
import { credentialError } from "./credential-errors";
import { impersonatorOf } from "./impersonator";
import { readSessionRow } from "./session-row";
import { hidingStoredValues } from "./store-failure";

/**
 * Who is managing credentials: a signed-in user, or trusted server code acting for a user.
 * `impersonatedBy` is the admin behind a signed-in user's session, so events can name them.
 */
export type Actor = { kind: "user"; userId: string; user: User; impersonatedBy: string | null } | { kind: "server"; userId: string };

/**
 * What the caller is about to do: `"mint"` makes a new secret (create, roll); `"widen"` lets an
 * existing one do more (an update of anything but its labels or `enabled: false`, see
 * `update-purpose.ts`); `"manage"` only reads or narrows what exists.
 */
export type ActorPurpose = "manage" | "widen" | "mint";

/**
 * Credential management needs a real sign-in (cookie or session token). A request that
 * authenticated *with* an API key or personal token is refused, so a leaked read-only key
 * cannot mint itself a broader one. Only a server-side call with neither `headers` nor `request`
 * may name the user in `userId`, as upstream decides: an app route that forwards a browser's
 * headers is a client call, and acting for a `userId` it carries would let anyone mint keys.
 *
 * An admin impersonating the user (`admin()`'s `impersonatedBy`) may neither mint nor widen: a
 * key or token made, re-enabled or unfenced then would act as the user long after the
 * impersonation's short session has ended, and say nothing of who did it. Seeing, renaming,
 * disabling and revoking stay open to them.
 */
export async function resolveActor(ctx: GenericEndpointContext, serverUserId: string | undefined, purpose: ActorPurpose = "manage"): Promise<Actor> {
  // Not refreshed: least of all a short impersonation's over Bearer, which carries no
  // "don't remember me" cookie to stop it sliding.
  const session = await readSessionRow(ctx);
  if (session) {
    if ("authMethod" in session.session) throw credentialError("CREDENTIAL_NOT_ALLOWED");
    const impersonatedBy = impersonatorOf(session.session);
    if (purpose !== "manage" && impersonatedBy) throw credentialError("IMPERSONATED_SESSION");
    return { kind: "user", userId: session.user.id, user: session.user, impersonatedBy };
  }
  if (!ctx.request && !ctx.headers && serverUserId) {
    if (purpose !== "mint") return { kind: "server", userId: serverUserId };
    // A credential for nobody would be refused at every request: say so now, with nothing written.
    const user = await findNamedUser(ctx, serverUserId);
    if (!user) throw credentialError("USER_ID_NOT_FOUND");
    // The id as stored: a case-insensitive collation (MySQL's default) also finds "ABC" for "abc".
    return { kind: "server", userId: user.id };
  }
  throw credentialError("UNAUTHORIZED");
}

/** An id the database cannot even compare (not a uuid where ids are) fails in the driver: 503, coded. */
function findNamedUser(ctx: GenericEndpointContext, userId: string): Promise<User | null> {
  return hidingStoredValues(ctx.context, "look up the user a server call names", () => ctx.context.internalAdapter.findUserById(userId));
}

/** Trusted server code acting for an organization without naming a user. */
export type ServerWithoutUser = { kind: "server"; userId: undefined };

/**
 * As `resolveActor`, but a server-side call (neither `headers` nor `request`) may leave `userId`
 * out: an organization's key needs no user, only the organization.
 */
export async function resolveOrganizationCaller(
  ctx: GenericEndpointContext,
  serverUserId: string | undefined,
  purpose: ActorPurpose = "manage",
): Promise<Actor | ServerWithoutUser> {
  if (!ctx.request && !ctx.headers && !serverUserId) return { kind: "server", userId: undefined };
  return resolveActor(ctx, serverUserId, purpose);
}
