import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { updateOwnedCredential } from "../../core/credential-service";
import type { CredentialChanges } from "../../core/credential-table";
import { descriptionSchema, idSchema, metadataSchema, nameSchema, permissionsSchema } from "../../core/request-schemas";
import { normalizeName } from "../../core/normalize-name";
import { resolveActor } from "../../core/resolve-actor";
import { grantPermissions } from "../grant-permissions";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

const updateApiKeyBody = z.object({
  id: idSchema,
  name: nameSchema.optional(),
  description: descriptionSchema.optional(),
  enabled: z.boolean().optional(),
  metadata: metadataSchema.optional(),
  permissions: permissionsSchema.optional(),
});

/** `POST /api-key/update` (`authClient.apiKey.update`): permissions are checked as on create. */
export function updateApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint("/api-key/update", { method: "POST", body: updateApiKeyBody }, async (ctx) => {
    const actor = await resolveActor(ctx, undefined);
    const { id, permissions, ...rest } = ctx.body;
    const changes: CredentialChanges = {};
    if (rest.name !== undefined) changes.name = normalizeName(rest.name);
    if (rest.description !== undefined) changes.description = rest.description;
    if (rest.enabled !== undefined) changes.enabled = rest.enabled;
    if (rest.metadata !== undefined) changes.metadata = rest.metadata;
    if (permissions !== undefined) {
      changes.permissions = JSON.stringify(await grantPermissions(actor, permissions, options));
    }
    return ctx.json(await updateOwnedCredential(ctx, kindFor(ctx.context, options.config), actor, id, changes));
  });
}
