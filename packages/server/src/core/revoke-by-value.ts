import { emitWithSource } from "./credential-events";
import { createAuthEndpoint } from "better-auth/api";
import type { AuthContext } from "better-auth";
import * as z from "zod";
import type { CredentialKind } from "./credential-runtime";
import { instanceKinds } from "./instance-kinds";
import { hashOpens } from "./rolled-secret";
import { hidingStoredValues } from "./store-failure";

/**
 * Revokes the credential whose secret this is, if there is one: for a leaked secret, as a
 * secret-scanning report (GitHub's partner program, a webhook) delivers it. Any of this
 * instance's kinds (user and organization API keys, personal tokens) is found by its prefix; a
 * value with none is looked up as a legacy upstream key where `acceptLegacyKeys` allows it.
 * The answer is the same whether or not anything was revoked, and the work is the same class
 * (one hash, one lookup; legacy values one per configuration that accepts them), so the call
 * says nothing about which secrets exist.
 */
export async function revokeCredentialByValue(context: AuthContext, presented: string): Promise<{ revoked: true }> {
  const value = presented.trim();
  const kinds = instanceKinds(context);
  const owner = kinds.find((kind) => value.startsWith(kind.format.prefix));
  const legacyTaker = owner ? undefined : kinds.find((kind) => kind.acceptLegacyKeys && kind.takesUnprefixedApiKeyHeader);
  // A value no kind takes is still hashed and looked up, for the same work, but revokes nothing:
  // the first kind's table may hold a legacy key, which only `acceptLegacyKeys` makes ours.
  const decoy = !owner && !legacyTaker;
  const candidates: CredentialKind[] = owner ? [owner] : legacyTaker ? [legacyTaker, ...legacyTaker.legacyFallbacks] : kinds.slice(0, 1);
  await hidingStoredValues(context, "revoke a credential by its value", async () => {
    for (const kind of candidates) {
      const hash = await kind.hash(value);
      const found = await kind.store.findByHashWithUser(context.adapter, hash);
      // The lookup also finds a rolled key by its previous secret, even past its grace period:
      // a secret that opens nothing any more must not take down the one it was rolled into.
      if (!found || !hashOpens(found.row, hash) || decoy) continue;
      await kind.store.delete(context.adapter, found.row.id);
      // Forgotten here at once, and by the rest of the fleet within the invalidation bound.
      await kind.invalidations.credentialChanged(found.row.id);
      // No request to name: the report came through the app's server code.
      const owner = { type: kind.references, id: found.row.referenceId };
      emitWithSource(context, kind, { type: "revoked", credentialId: found.row.id, owner, actor: { type: "secret-scanning" } }, undefined);
      return;
    }
  });
  return { revoked: true };
}

/**
 * `auth.api.revokeCredentialByValue({ body: { key } })`: server only (404 over HTTP), always
 * `{ revoked: true }`. Both plugins register it; either serves every kind of the instance.
 */
export function revokeByValueRoute() {
  return createAuthEndpoint.serverOnly({ method: "POST", body: z.object({ key: z.string().min(1).max(4096) }) }, async (ctx) =>
    ctx.json(await revokeCredentialByValue(ctx.context, ctx.body.key)),
  );
}
