import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { createCredentialFor, userScope } from "../../core/credential-service";
import { normalizeName } from "../../core/normalize-name";
import { resolveActor, resolveOrganizationCaller } from "../../core/resolve-actor";
import { configurationForCall } from "../configuration-for";
import { organizationScope } from "../organization-access";
import {
  allowedIpsSchema,
  configIdSchema,
  descriptionSchema,
  expiresInSchema,
  metadataSchema,
  nameSchema,
  permissionsSchema,
} from "../../core/request-schemas";
import { grantPermissions } from "../grant-permissions";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { createdApiKeySchema } from "../../core/response-schemas";
import { pickLimits, quotaRequestFields, rateLimitRequestFields } from "../../core/limit-request-schemas";
import { hidingStoredValues } from "../../core/store-failure";

const createApiKeyBody = z.object({
  name: nameSchema,
  description: descriptionSchema.optional(),
  expiresIn: expiresInSchema.optional(),
  permissions: permissionsSchema.optional(),
  metadata: metadataSchema.optional(),
  /** Server-side calls only: the user to create the key for. Ignored over HTTP. */
  userId: z.string().min(1).optional().meta({ description: "Server-side calls (`auth.api`) only: ignored over HTTP." }),
  organizationId: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: "Creates the key for this organization (a configuration with `references: \"organization\"`); the caller's role must allow `apiKey: [\"create\"]` and what the key gets of the organization's own statements." }),
  configId: configIdSchema.optional(),
  allowedIps: allowedIpsSchema.optional(),
  ...quotaRequestFields,
  ...rateLimitRequestFields,
});

/** `POST /api-key/create` (`authClient.apiKey.create`): the only response that ever holds the key. */
export function createApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/create",
    withOpenAPI(
      // The answer holds the new key: no cache, proxy or browser may keep it (RFC 6749 §5.1).
      { method: "POST", body: createApiKeyBody, metadata: { noStore: true } },
      {
        operationId: "createApiKey",
        tag: OPENAPI_TAGS.apiKey,
        summary: "Create an API key",
        description:
          "Creates an API key for the signed-in user, to send in `X-API-Key` or `Authorization: Bearer`. " +
          "The answer is the only one that ever holds the key: only its hash is stored. " +
          "Needs a real sign-in: an API key or personal token cannot create keys. " +
          "Permissions beyond what the app allows the user are refused, as is a key over the per-user limit. " +
          "With `organizationId`, the key belongs to that organization: the caller must be a member whose role allows " +
          "`apiKey: [\"create\"]`, and the per-organization limit applies. " +
          "A usage quota (`remaining`, refilled with `refillAmount` every `refillInterval` ms) may be set within what the app allows " +
          "(`clientQuota`); the key's own rate limit (`rateLimitEnabled`, `rateLimitTimeWindow`, `rateLimitMax`) by server-side calls only. " +
          "An IP allowlist (`allowedIps`) limits where the key may be used from, unless the app keeps that to server-side calls (`clientIpAllowlist: false`).",
        response: { description: "The new key, with the key itself, shown this once.", schema: createdApiKeySchema },
        errors: [
          "IMPERSONATED_SESSION",
          "USER_ID_NOT_FOUND",
          "STORAGE_UNAVAILABLE",
          "INVALID_NAME",
          "INVALID_DESCRIPTION",
          "INVALID_EXPIRY",
          "NO_EXPIRY_NOT_ALLOWED",
          "INVALID_METADATA",
          "INSUFFICIENT_PERMISSIONS",
          "MAX_KEYS_REACHED",
          "UNKNOWN_CONFIGURATION",
          "ORGANIZATION_ID_REQUIRED",
          "NOT_ORGANIZATION_MEMBER",
          "ORGANIZATION_ROLE_FORBIDS",
          "ORGANIZATION_NOT_FOUND",
          "INVALID_QUOTA",
          "QUOTA_NOT_ALLOWED",
          "INVALID_RATE_LIMIT",
          "RATE_LIMIT_NOT_ALLOWED",
          "INVALID_IP_ALLOWLIST",
          "IP_ALLOWLIST_NOT_ALLOWED",
        ],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "create an API key", async () => {
        const configuration = configurationForCall(options, ctx.body);
        const name = normalizeName(ctx.body.name);
        const { organizationId } = ctx.body;
        let scope;
        let permissions;
        if (organizationId !== undefined) {
          const caller = await resolveOrganizationCaller(ctx, ctx.body.userId, "mint");
          scope = await organizationScope(ctx, caller, organizationId, "create", "forbidden");
          // The stored id, as the key will carry it: an app's rule on the id must see what is stored.
          const grant = scope.role === null ? null : { organizationId: scope.ownerId, role: scope.role };
          permissions = await grantPermissions(ctx.context, caller, ctx.body.permissions, configuration, grant);
        } else {
          const actor = await resolveActor(ctx, ctx.body.userId, "mint");
          scope = userScope(actor);
          permissions = await grantPermissions(ctx.context, actor, ctx.body.permissions, configuration);
        }
        const { secret, ...created } = await createCredentialFor(ctx, kindFor(ctx.context, configuration.config), scope, {
          name,
          description: ctx.body.description,
          expiresIn: ctx.body.expiresIn,
          permissions,
          metadata: ctx.body.metadata,
          limits: pickLimits(ctx.body),
          allowedIps: ctx.body.allowedIps,
        });
        return ctx.json({ ...created, key: secret });
      }),
  );
}
