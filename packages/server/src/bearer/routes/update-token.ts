import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { updateOwnedCredential, userScope } from "../../core/credential-service";
import type { CredentialChanges } from "../../core/credential-table";
import { allowedIpsSchema, idSchema, nameSchema } from "../../core/request-schemas";
import { normalizeName } from "../../core/normalize-name";
import { resolveActor } from "../../core/resolve-actor";
import { updatePurpose } from "../../core/update-purpose";
import { isServerCall, serverScopeForId } from "../../core/server-call";
import type { ResolvedBearerOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { personalTokenSchema } from "../../core/response-schemas";
import { toPersonalTokenView } from "../personal-token-view";
import { pickLimits, quotaRequestFields, rateLimitRequestFields } from "../../core/limit-request-schemas";
import { hidingStoredValues } from "../../core/store-failure";

const updateTokenBody = z.object({
  id: idSchema,
  name: nameSchema.optional(),
  enabled: z.boolean().optional().meta({ description: "`false` refuses the token (`KEY_DISABLED`) until it is enabled again." }),
  allowedIps: allowedIpsSchema.optional(),
  // As on API keys: without them, a top-up sent here answered 200 and changed nothing.
  ...quotaRequestFields,
  ...rateLimitRequestFields,
});

/**
 * `POST /bearer/update-token` (`authClient.bearer.updateToken`, `auth.api.updatePersonalToken`):
 * renames, disables or re-enables one of the caller's personal tokens, or changes its IP allowlist,
 * usage quota or (server code only) rate limit, under the API keys' rules. Server code (no
 * headers) may address any personal token by its id.
 */
export function updateTokenRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint(
    "/bearer/update-token",
    withOpenAPI(
      { method: "POST", body: updateTokenBody },
      {
        operationId: "updatePersonalToken",
        tag: OPENAPI_TAGS.bearer,
        summary: "Rename, disable, enable or restrict one of your personal tokens",
        description:
          "Changes the name, `enabled`, IP allowlist (`allowedIps`) or usage quota of one of the signed-in user's personal tokens; fields left out stay as they are. " +
          "Setting the usage quota restarts its refill clock; a signed-in user may only tighten a quota the token has. " +
          "The token's own rate limit may be set by server-side calls only. " +
          "A disabled token is refused with `KEY_DISABLED` from the very next request, until it is enabled again. " +
          "Another user's token, or an API key's id, answers 404, as a missing one does. " +
          "An admin impersonating the user may rename or disable a token; any other field answers 403 `IMPERSONATED_SESSION` and changes nothing.",
        response: { description: "The token's public fields after the change.", schema: personalTokenSchema },
        errors: [
          "IMPERSONATED_SESSION",
          "INVALID_NAME",
          "NOT_FOUND",
          "INVALID_IP_ALLOWLIST",
          "IP_ALLOWLIST_NOT_ALLOWED",
          "INVALID_QUOTA",
          "QUOTA_NOT_ALLOWED",
          "INVALID_RATE_LIMIT",
          "RATE_LIMIT_NOT_ALLOWED",
          "STORAGE_UNAVAILABLE",
        ],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "update a personal token", async () => {
        const kind = kindFor(ctx.context, options.config);
        const scope = isServerCall(ctx) ? await serverScopeForId(ctx, kind, ctx.body.id) : userScope(await resolveActor(ctx, undefined, updatePurpose(ctx.body)));
        const changes: CredentialChanges = {};
        if (ctx.body.name !== undefined) changes.name = normalizeName(ctx.body.name);
        if (ctx.body.enabled !== undefined) changes.enabled = ctx.body.enabled;
        if (ctx.body.allowedIps !== undefined) changes.allowedIps = ctx.body.allowedIps;
        return ctx.json(toPersonalTokenView(await updateOwnedCredential(ctx, kind, scope, ctx.body.id, changes, pickLimits(ctx.body))));
      }),
  );
}
