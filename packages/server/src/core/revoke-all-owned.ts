import { emitCredentialEvent } from "./credential-events";
import type { GenericEndpointContext } from "better-auth";
import type { CredentialKind } from "./credential-runtime";
import { hidingStoredValues } from "./store-failure";

/**
 * Deletes every credential an owner holds in these kinds (offboarding, an admin's "revoke
 * everything") and reports each id, so this process forgets them at once and the fleet within
 * its bound. Answers how many were revoked.
 */
export async function revokeAllOwned(ctx: GenericEndpointContext, kinds: readonly CredentialKind[], ownerId: string) {
  let revoked = 0;
  for (const kind of kinds) {
    const ids = await hidingStoredValues(ctx.context, "revoke an owner's credentials", () => kind.store.deleteAllOwned(ctx.context.adapter, ownerId));
    // Published side by side: one after another, a stalled storage would hold the request for
    // its 1 s deadline once per credential.
    await Promise.all(ids.map((id) => kind.invalidations.credentialChanged(id)));
    for (const id of ids) {
      emitCredentialEvent(ctx, kind, { type: "revoked", credentialId: id, owner: { type: kind.references, id: ownerId }, actor: { type: "server" } });
    }
    revoked += ids.length;
  }
  return { revoked };
}
