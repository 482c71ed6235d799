import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { createCredentialFor, userScope } from "../../core/credential-service";
import { allowedIpsSchema, expiresInSchema, nameSchema } from "../../core/request-schemas";
import { normalizeName } from "../../core/normalize-name";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedBearerOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { createdPersonalTokenSchema } from "../../core/response-schemas";
import { pickLimits, quotaRequestFields, rateLimitRequestFields } from "../../core/limit-request-schemas";
import { hidingStoredValues } from "../../core/store-failure";

const createTokenBody = z.object({
  name: nameSchema,
  expiresIn: expiresInSchema.optional(),
  /** Server-side calls only: the user to create the token for. Ignored over HTTP. */
  userId: z.string().min(1).optional().meta({ description: "Server-side calls (`auth.api`) only: ignored over HTTP." }),
  allowedIps: allowedIpsSchema.optional(),
  ...quotaRequestFields,
  ...rateLimitRequestFields,
});

/**
 * `POST /bearer/create-token` (`authClient.bearer.createToken`, `auth.api.createPersonalToken`):
 * the only response that ever holds the token.
 */
export function createTokenRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint(
    "/bearer/create-token",
    withOpenAPI(
      // The answer holds the new token: no cache may keep it.
      { method: "POST", body: createTokenBody, metadata: { noStore: true } },
      {
        operationId: "createPersonalToken",
        tag: OPENAPI_TAGS.bearer,
        summary: "Create a personal token",
        description:
          "Creates a personal token for the signed-in user, for CLIs, scripts and server-to-server calls: " +
          "sent in `Authorization: Bearer`, it acts as its owner. " +
          "The answer is the only one that ever holds the token: only its hash is stored. " +
          "Needs a real sign-in: an API key or personal token cannot create tokens. A token over the per-user limit is refused. " +
          "A usage quota may be set within what the app allows (`clientQuota`); the token's own rate limit by server-side calls only. " +
          "An IP allowlist (`allowedIps`) limits where it may be used from, unless the app keeps that to server-side calls (`clientIpAllowlist: false`).",
        response: { description: "The new token, shown this once.", schema: createdPersonalTokenSchema },
        errors: [
          "IMPERSONATED_SESSION",
          "USER_ID_NOT_FOUND",
          "STORAGE_UNAVAILABLE",
          "INVALID_NAME",
          "INVALID_EXPIRY",
          "NO_EXPIRY_NOT_ALLOWED",
          "MAX_TOKENS_REACHED",
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
      hidingStoredValues(ctx.context, "create a personal token", async () => {
        const actor = await resolveActor(ctx, ctx.body.userId, "mint");
        // Personal tokens act as their owner's session: they carry no permissions of their own.
        const created = await createCredentialFor(ctx, kindFor(ctx.context, options.config), userScope(actor), {
          name: normalizeName(ctx.body.name),
          expiresIn: ctx.body.expiresIn,
          permissions: {},
          limits: pickLimits(ctx.body),
          allowedIps: ctx.body.allowedIps,
        });
        return ctx.json({
          id: created.id,
          token: created.secret,
          name: created.name,
          expiresAt: created.expiresAt,
          createdAt: created.createdAt,
          allowedIps: created.allowedIps,
          remaining: created.remaining,
          refillAmount: created.refillAmount,
          refillInterval: created.refillInterval,
          lastRefillAt: created.lastRefillAt,
        });
      }),
  );
}
