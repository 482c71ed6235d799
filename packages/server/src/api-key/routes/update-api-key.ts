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
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { publicCredentialSchema } from "../../core/response-schemas";

const updateApiKeyBody = z.object({
  id: idSchema,
  name: nameSchema.optional(),
  description: descriptionSchema.optional(),
  enabled: z.boolean().optional().meta({ description: "`false` refuses the key until it is enabled again." }),
  metadata: metadataSchema.optional(),
  permissions: permissionsSchema.optional(),
});

/** `POST /api-key/update` (`authClient.apiKey.update`): permissions are checked as on create. */
export function updateApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/update",
    withOpenAPI(
      { method: "POST", body: updateApiKeyBody },
      {
        operationId: "updateApiKey",
        tag: OPENAPI_TAGS.apiKey,
        summary: "Update one of your API keys",
        description:
          "Changes the name, description, metadata, permissions or `enabled` of one of the signed-in user's API keys; " +
          "fields left out stay as they are. Permissions are checked as on create. " +
          "Another user's key answers 404, as a missing one does.",
        response: { description: "The key's public fields after the change.", schema: publicCredentialSchema },
        errors: ["INVALID_NAME", "INVALID_DESCRIPTION", "INVALID_METADATA", "INSUFFICIENT_PERMISSIONS", "NOT_FOUND"],
      },
    ),
    async (ctx) => {
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
    },
  );
}
