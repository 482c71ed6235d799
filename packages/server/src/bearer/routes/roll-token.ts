import { actorOf } from "../../core/credential-events";
import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { credentialError } from "../../core/credential-errors";
import { findOwnedOrThrow, userScope } from "../../core/credential-service";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { gracePeriodSchema, idSchema } from "../../core/request-schemas";
import { rolledPersonalTokenSchema } from "../../core/response-schemas";
import { resolveActor } from "../../core/resolve-actor";
import { rollCredential } from "../../core/roll-credential";
import { isServerCall } from "../../core/server-call";
import type { ResolvedBearerOptions } from "../resolve-options";
import { hidingStoredValues } from "../../core/store-failure";

const rollTokenBody = z.object({ id: idSchema, gracePeriod: gracePeriodSchema.optional() });

/**
 * `POST /bearer/roll-token` (`authClient.bearer.rollToken`, `auth.api.rollPersonalToken`): a new
 * token for the same record, shown this once; the previous one works until the grace period ends.
 */
export function rollTokenRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint(
    "/bearer/roll-token",
    withOpenAPI(
      // The answer holds the new token: no cache may keep it.
      { method: "POST", body: rollTokenBody, metadata: { noStore: true } },
      {
        operationId: "rollPersonalToken",
        tag: OPENAPI_TAGS.bearer,
        summary: "Roll one of your personal tokens",
        description:
          "Gives one of the signed-in user's personal tokens a new secret, returned this once; id, name and expiry stay. " +
          "The previous token keeps working for `gracePeriod` seconds (the app's `rollGracePeriod` by default; `0` stops it at once), " +
          "shown as `previousSecretExpiresAt`. Rolling again while a grace period is pending stops the older token at once. " +
          "An expired token is refused. Another user's token, or an API key's id, answers 404, as a missing one does.",
        response: { description: "The token's new secret, shown this once.", schema: rolledPersonalTokenSchema },
        errors: ["IMPERSONATED_SESSION", "NOT_FOUND", "INVALID_GRACE_PERIOD", "CANNOT_ROLL_EXPIRED", "ROLL_CONFLICT", "STORAGE_UNAVAILABLE"],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "roll a personal token", async () => {
        const { id, gracePeriod } = ctx.body;
        const kind = kindFor(ctx.context, options.config);
        const server = isServerCall(ctx);
        // Server code may roll any user's token by id; everyone else only their own.
        const scope = server ? null : userScope(await resolveActor(ctx, undefined, "mint"));
        const row = scope ? await findOwnedOrThrow(ctx, kind, scope, id) : await kind.store.findById(ctx.context.adapter, id);
        if (!row) throw credentialError("NOT_FOUND");
        const rolled = await rollCredential(ctx, kind, row, gracePeriod, !server, scope ? actorOf(scope) : { type: "server" });
        return ctx.json({
          id: rolled.id,
          token: rolled.secret,
          name: rolled.name,
          expiresAt: rolled.expiresAt,
          createdAt: rolled.createdAt,
          allowedIps: rolled.allowedIps,
          remaining: rolled.remaining,
          refillAmount: rolled.refillAmount,
          refillInterval: rolled.refillInterval,
          lastRefillAt: rolled.lastRefillAt,
          previousSecretExpiresAt: rolled.previousSecretExpiresAt,
        });
      }),
  );
}
