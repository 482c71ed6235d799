import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { listCredentialsOf, userScope } from "../../core/credential-service";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedBearerOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { personalTokenSchema } from "../../core/response-schemas";

/**
 * `GET /bearer/list-tokens` (`authClient.bearer.listTokens`, `auth.api.listPersonalTokens`):
 * the signed-in user's personal tokens, newest first, never a token or its hash.
 */
export function listTokensRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint(
    "/bearer/list-tokens",
    withOpenAPI(
      { method: "GET" },
      {
        operationId: "listPersonalTokens",
        tag: OPENAPI_TAGS.bearer,
        summary: "List your personal tokens",
        description: "The signed-in user's personal tokens, newest first: names and dates, never a token or its hash.",
        response: { description: "The tokens, newest first.", schema: z.array(personalTokenSchema) },
      },
    ),
    async (ctx) => {
      const actor = await resolveActor(ctx, undefined);
      const tokens = await listCredentialsOf(ctx, kindFor(ctx.context, options.config), userScope(actor));
      return ctx.json(
        tokens.map(({ id, name, createdAt, lastUsedAt, expiresAt, previousSecretExpiresAt }) => ({
          id,
          name,
          createdAt,
          lastUsedAt,
          expiresAt,
          previousSecretExpiresAt,
        })),
      );
    },
  );
}
