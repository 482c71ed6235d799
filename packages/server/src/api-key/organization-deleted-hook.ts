import { createAuthMiddleware } from "better-auth/api";
import { emitCredentialEvent, requestActor, type CredentialEventActor } from "../core/credential-events";
import { kindFor } from "../core/instance-kinds";
import type { ResolvedApiKeyOptions } from "./resolve-options";

/**
 * After the organization plugin's `/organization/delete` (over HTTP or `auth.api`): the
 * organization's keys are deleted with it and forgotten by every cache, here at once and on
 * other instances through the invalidation channel, and each is reported as `revoked` by the
 * member who deleted the organization. Keys of an organization removed some other way are
 * refused at their next database read, since verification finds no organization.
 */
export function organizationDeletedHook(options: ResolvedApiKeyOptions) {
  return {
    matcher: (ctx: { path?: string }) => ctx.path === "/organization/delete",
    handler: createAuthMiddleware(async (ctx) => {
      const organizationId = (ctx.body as { organizationId?: unknown } | undefined)?.organizationId;
      if (typeof organizationId !== "string" || organizationId === "") return;
      // The endpoint may have refused: only a gone organization loses its keys.
      const still = await ctx.context.adapter.findOne({ model: "organization", where: [{ field: "id", value: organizationId }] });
      if (still) return;
      // The organization as stored, which the endpoint answers with: MySQL's usual collations
      // also delete it, and find its keys, by an id sent in another case.
      const returned = (ctx.context.returned as { id?: unknown } | undefined)?.id;
      const owner = { type: "organization" as const, id: typeof returned === "string" ? returned : organizationId };
      let actor: CredentialEventActor | undefined;
      for (const configuration of options.configurations) {
        if (configuration.config.references !== "organization") continue;
        const kind = kindFor(ctx.context, configuration.config);
        const ids = await kind.store.deleteAllOwned(ctx.context.adapter, organizationId);
        // Side by side, as revokeAllOwned publishes: a stalled storage costs its deadline once.
        await Promise.all(ids.map((id) => kind.invalidations.credentialChanged(id)));
        for (const id of ids) {
          actor ??= await requestActor(ctx);
          emitCredentialEvent(ctx, kind, { type: "revoked", credentialId: id, owner, actor });
        }
      }
    }),
  };
}
