import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { listCredentialsOf, userScope } from "../../core/credential-service";
import { configIdSchema } from "../../core/request-schemas";
import { resolveActor, resolveOrganizationCaller } from "../../core/resolve-actor";
import { serverOwnerIdSchema } from "../../core/request-schemas";
import { configurationForCall } from "../configuration-for";
import { organizationScope } from "../organization-access";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { publicCredentialSchema } from "../../core/response-schemas";
import { listPageQuery, pageFieldsSchema, readListPage } from "../../core/list-page";
import { hidingStoredValues } from "../../core/store-failure";

/**
 * `GET /api-key/list` (`authClient.apiKey.list`): a page of the signed-in user's keys (or an
 * organization's), never a key or hash, in upstream's shape `{ apiKeys, total, limit, offset }`.
 */
export function listApiKeysRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/list",
    withOpenAPI(
      {
        method: "GET",
        query: z
          .object({
            organizationId: z
              .string()
              .min(1)
              .max(255)
              .optional()
              .meta({ description: "Lists this organization's keys instead; the caller's role must allow `apiKey: [\"read\"]`." }),
            userId: serverOwnerIdSchema.optional(),
            configId: configIdSchema.optional(),
            ...listPageQuery,
          })
          .optional(),
      },
      {
        operationId: "listApiKeys",
        tag: OPENAPI_TAGS.apiKey,
        summary: "List your API keys",
        description:
          "A page of the signed-in user's API keys, newest first unless `sortBy` / `sortDirection` say otherwise, with the total: " +
          "public fields only, never a key or its hash. " +
          "With `organizationId`, that organization's keys, for a member whose role allows `apiKey: [\"read\"]`. " +
          "Server code (`auth.api.listApiKeys` with no headers) may name any user in `userId`, or any organization.",
        response: {
          description: "The page of keys and how many there are in all.",
          schema: z.strictObject({ apiKeys: z.array(publicCredentialSchema), ...pageFieldsSchema }),
        },
        errors: ["UNKNOWN_CONFIGURATION", "ORGANIZATION_ID_REQUIRED", "NOT_ORGANIZATION_MEMBER", "ORGANIZATION_ROLE_FORBIDS", "STORAGE_UNAVAILABLE"],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "list API keys", async () => {
        const call = ctx.query ?? {};
        const configuration = configurationForCall(options, call);
        // `userId` is honoured for server calls only (no headers, no request): a client lists its own.
        const scope =
          call.organizationId === undefined
            ? userScope(await resolveActor(ctx, call.userId))
            : await organizationScope(ctx, await resolveOrganizationCaller(ctx, call.userId), call.organizationId, "read", "forbidden");
        const { items, ...page } = await listCredentialsOf(ctx, kindFor(ctx.context, configuration.config), scope, readListPage(call));
        return ctx.json({ apiKeys: items, ...page });
      }),
  );
}
