import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { listCredentialsOf, userScope } from "../../core/credential-service";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedBearerOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { personalTokenSchema } from "../../core/response-schemas";
import { serverOwnerIdSchema } from "../../core/request-schemas";
import { toPersonalTokenView } from "../personal-token-view";
import { listPageQuery, pageFieldsSchema, readListPage } from "../../core/list-page";
import { hidingStoredValues } from "../../core/store-failure";

/**
 * `GET /bearer/list-tokens` (`authClient.bearer.listTokens`, `auth.api.listPersonalTokens`):
 * a page of the signed-in user's personal tokens, newest first unless asked otherwise, never a
 * token or its hash: `{ tokens, total, limit, offset }`, as `apiKey.list` answers.
 */
export function listTokensRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint(
    "/bearer/list-tokens",
    withOpenAPI(
      { method: "GET", query: z.object({ userId: serverOwnerIdSchema.optional(), ...listPageQuery }).optional() },
      {
        operationId: "listPersonalTokens",
        tag: OPENAPI_TAGS.bearer,
        summary: "List your personal tokens",
        description:
          "A page of the signed-in user's personal tokens, newest first unless `sortBy` / `sortDirection` say otherwise, with the total: " +
          "names, dates and usage quotas, never a token or its hash. " +
          "Server code (`auth.api.listPersonalTokens` with no headers) may name any user in `userId`.",
        response: {
          description: "The page of tokens and how many there are in all.",
          schema: z.strictObject({ tokens: z.array(personalTokenSchema), ...pageFieldsSchema }),
        },
        errors: ["STORAGE_UNAVAILABLE"],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "list personal tokens", async () => {
        // `userId` is honoured for server calls only (no headers, no request): a client lists its own.
        const actor = await resolveActor(ctx, ctx.query?.userId);
        const { items, ...page } = await listCredentialsOf(
          ctx,
          kindFor(ctx.context, options.config),
          userScope(actor),
          readListPage(ctx.query ?? {}),
        );
        return ctx.json({
          tokens: items.map(toPersonalTokenView),
          ...page,
        });
      }),
  );
}
