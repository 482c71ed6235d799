import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { listCredentialsOf, userScope } from "../../core/credential-service";
import { configIdSchema } from "../../core/request-schemas";
import { resolveActor } from "../../core/resolve-actor";
import { configurationForCall } from "../configuration-for";
import { organizationScope } from "../organization-access";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { publicCredentialSchema } from "../../core/response-schemas";
import { listPageQuery, pageFieldsSchema, readListPage } from "../../core/list-page";

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
          "With `organizationId`, that organization's keys, for a member whose role allows `apiKey: [\"read\"]`.",
        response: {
          description: "The page of keys and how many there are in all.",
          schema: z.strictObject({ apiKeys: z.array(publicCredentialSchema), ...pageFieldsSchema }),
        },
        errors: ["UNKNOWN_CONFIGURATION", "ORGANIZATION_ID_REQUIRED", "NOT_ORGANIZATION_MEMBER", "ORGANIZATION_ROLE_FORBIDS"],
      },
    ),
    async (ctx) => {
      const call = ctx.query ?? {};
      const configuration = configurationForCall(options, call);
      const actor = await resolveActor(ctx, undefined);
      const scope =
        call.organizationId === undefined
          ? userScope(actor)
          : await organizationScope(ctx, actor, call.organizationId, "read", "forbidden");
      const { items, ...page } = await listCredentialsOf(ctx, kindFor(ctx.context, configuration.config), scope, readListPage(call));
      return ctx.json({ apiKeys: items, ...page });
    },
  );
}
