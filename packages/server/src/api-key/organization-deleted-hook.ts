import { createAuthMiddleware } from "better-auth/api";
import { kindFor } from "../core/instance-kinds";
import type { ResolvedApiKeyOptions } from "./resolve-options";

/**
 * After the organization plugin's `/organization/delete` (over HTTP or `auth.api`): the
 * organization's keys are deleted with it and forgotten by every cache, here at once and on
 * other instances through the invalidation channel. Keys of an organization removed some other
 * way are refused at their next database read, since verification finds no organization.
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
      for (const configuration of options.configurations) {
        if (configuration.config.references !== "organization") continue;
        const kind = kindFor(ctx.context, configuration.config);
        const ids = await kind.store.deleteAllOwned(ctx.context.adapter, organizationId);
        for (const id of ids) await kind.invalidations.credentialChanged(id);
      }
    }),
  };
}
