import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { updateOwnedCredential } from "../../core/credential-service";
import type { CredentialChanges } from "../../core/credential-table";
import { allowedIpsSchema, descriptionSchema, idSchema, metadataSchema, nameSchema, permissionsSchema } from "../../core/request-schemas";
import { normalizeName } from "../../core/normalize-name";
import { keyTarget } from "../key-scope";
import { updatePurpose } from "../../core/update-purpose";
import { grantPermissions } from "../grant-permissions";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { publicCredentialSchema } from "../../core/response-schemas";
import { pickLimits, quotaRequestFields, rateLimitRequestFields } from "../../core/limit-request-schemas";
import { hidingStoredValues } from "../../core/store-failure";

const updateApiKeyBody = z.object({
  id: idSchema,
  name: nameSchema.optional(),
  description: descriptionSchema.optional(),
  enabled: z.boolean().optional().meta({ description: "`false` refuses the key until it is enabled again." }),
  metadata: metadataSchema.optional(),
  permissions: permissionsSchema.optional(),
  allowedIps: allowedIpsSchema.optional(),
  ...quotaRequestFields,
  ...rateLimitRequestFields,
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
          "Changes the name, description, metadata, permissions, IP allowlist (`allowedIps`) or `enabled` of one of the signed-in user's API keys; " +
          "fields left out stay as they are. Permissions are checked as on create. " +
          "Setting the usage quota restarts its refill clock; a signed-in user may only tighten a quota the key has. " +
          "The key's own rate limit may be set by server-side calls only, and on a key made by @better-auth/api-key only once it is rolled. " +
          "Another user's key answers 404, as a missing one does. " +
          "An organization's key can be changed by members whose role allows `apiKey: [\"update\"]`; to anyone outside the organization it answers 404. " +
          "An admin impersonating the user may change only the name, description and metadata, or disable the key; any other field answers 403 `IMPERSONATED_SESSION` and changes nothing.",
        response: { description: "The key's public fields after the change.", schema: publicCredentialSchema },
        errors: [
          "IMPERSONATED_SESSION",
          "INVALID_NAME",
          "INVALID_DESCRIPTION",
          "INVALID_METADATA",
          "INSUFFICIENT_PERMISSIONS",
          "NOT_FOUND",
          "ORGANIZATION_ROLE_FORBIDS",
          "INVALID_QUOTA",
          "QUOTA_NOT_ALLOWED",
          "INVALID_RATE_LIMIT",
          "RATE_LIMIT_NOT_ALLOWED",
          "ROLL_BEFORE_RATE_LIMIT",
          "INVALID_IP_ALLOWLIST",
          "IP_ALLOWLIST_NOT_ALLOWED",
          "STORAGE_UNAVAILABLE",
        ],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "update an API key", async () => {
        const { id, permissions, ...rest } = ctx.body;
        const target = await keyTarget(ctx, options, id, "update", updatePurpose(ctx.body));
        const changes: CredentialChanges = {};
        if (rest.name !== undefined) changes.name = normalizeName(rest.name);
        if (rest.description !== undefined) changes.description = rest.description;
        if (rest.enabled !== undefined) changes.enabled = rest.enabled;
        if (rest.metadata !== undefined) changes.metadata = rest.metadata;
        if (rest.allowedIps !== undefined) changes.allowedIps = rest.allowedIps;
        if (permissions !== undefined) {
          const { role, ownerId } = target.scope;
          const grant = target.scope.ownerModel === "organization" && role ? { organizationId: ownerId, role } : null;
          changes.permissions = JSON.stringify(await grantPermissions(ctx.context, target.actor, permissions, target.configuration, grant));
        }
        const kind = kindFor(ctx.context, target.configuration.config);
        return ctx.json(await updateOwnedCredential(ctx, kind, target.scope, id, changes, pickLimits(rest)));
      }),
  );
}
