import type { AuthContext, GenericEndpointContext } from "better-auth";
import { emitWithSource, requestActor, type CredentialEventActor } from "./credential-events";
import type { CredentialKind } from "./credential-runtime";
import { instanceKinds } from "./instance-kinds";
import { createTtlLru } from "./ttl-lru";

/** Users whose deletion is under way at once, in one process: more are forgotten oldest first. */
const MAX_PENDING = 1000;
/** A deletion takes a few queries; an entry older than this belongs to one that failed. */
const PENDING_TTL_MS = 10 * 60_000;

/**
 * The `user.delete` hooks of an instance (one pair, for every kind): a deleted user's credentials
 * are deleted with them and each reported as `revoked`, as an owner's revocation reports them.
 * The ids are read before the deletion, since a foreign key with ON DELETE CASCADE deletes the
 * rows with the user and leaves nothing to find after it; they are reported only after it
 * succeeded. `deleted` also deletes what remains where the table has no such key (it also holds
 * organizations' keys, or upstream created it) or the adapter enforces none (memory, MongoDB).
 */
export function userDeletionHooks(context: AuthContext, forget: (user: { id: string }) => Promise<void>) {
  // Per user id, from before the deletion to after it: a deletion refused or failed in between
  // leaves its entry, which the next attempt overwrites, and the bound and TTL drop.
  const pending = createTtlLru<string, Map<CredentialKind, string[]>>({ max: MAX_PENDING, ttlMs: PENDING_TTL_MS });
  const userKinds = () => instanceKinds(context).filter((kind) => kind.references === "user");

  async function deleting(user: { id: string }) {
    const owned = new Map<CredentialKind, string[]>();
    try {
      for (const kind of userKinds()) owned.set(kind, await kind.store.ownedIds(context.adapter, user.id));
      pending.set(user.id, owned);
    } catch (error) {
      // Reporting must not block a user's deletion: the credentials `deleted` finds are still reported.
      context.logger.error(`Could not read a deleted user's credentials to report them: ${error instanceof Error ? error.name : typeof error}`);
      pending.delete(user.id);
    }
  }

  async function deleted(user: { id: string }, ctx: GenericEndpointContext | null) {
    const owned = pending.get(user.id);
    pending.delete(user.id);
    let actor: CredentialEventActor | undefined;
    for (const kind of userKinds()) {
      const ids = new Set([...(owned?.get(kind) ?? []), ...(await kind.store.deleteAllOwned(context.adapter, user.id))]);
      for (const id of ids) {
        // The user deleting themself or the admin removing them; else server code.
        actor ??= await requestActor(ctx);
        emitWithSource(ctx?.context ?? context, kind, { type: "revoked", credentialId: id, owner: { type: "user", id: user.id }, actor }, ctx?.request ?? ctx?.headers);
      }
    }
    await forget(user);
  }

  return { before: deleting, after: deleted };
}
