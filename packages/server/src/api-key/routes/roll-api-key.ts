import { actorOf, type CredentialEventActor } from "../../core/credential-events";
import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import type { GenericEndpointContext } from "better-auth";
import { credentialError } from "../../core/credential-errors";
import { findOwnedOrThrow } from "../../core/credential-service";
import type { CredentialKind } from "../../core/credential-runtime";
import { parseStatements, type CredentialRow } from "../../core/credential-table";
import { checkMemberMayHold } from "../grant-permissions";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { gracePeriodSchema, idSchema } from "../../core/request-schemas";
import { createdApiKeySchema } from "../../core/response-schemas";
import { rollCredential } from "../../core/roll-credential";
import { isServerCall } from "../../core/server-call";
import { keyTarget } from "../key-scope";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { hidingStoredValues } from "../../core/store-failure";

const rollApiKeyBody = z.object({ id: idSchema, gracePeriod: gracePeriodSchema.optional() });

/**
 * `POST /api-key/roll` (`authClient.apiKey.roll`, `auth.api.rollApiKey`): a new secret for the
 * same key, shown this once; the previous one works until the grace period ends.
 */
export function rollApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/roll",
    withOpenAPI(
      // The answer holds the new key: no cache may keep it, as on create.
      { method: "POST", body: rollApiKeyBody, metadata: { noStore: true } },
      {
        operationId: "rollApiKey",
        tag: OPENAPI_TAGS.apiKey,
        summary: "Roll one of your API keys",
        description:
          "Gives one of the signed-in user's API keys a new secret, returned this once; id, name, permissions, metadata and owner stay. " +
          "The previous secret keeps working for `gracePeriod` seconds (the app's `rollGracePeriod` by default; `0` stops it at once), " +
          "shown as `previousSecretExpiresAt`. Rolling again while a grace period is pending stops the older secret at once. " +
          "A disabled key is rolled and stays disabled; an expired one is refused. " +
          "A key made by @better-auth/api-key gets our prefix and leaves upstream's limiter off (`rateLimitEnabled: false`), as it was under ours. " +
          "An organization's key can be rolled by members whose role allows `apiKey: [\"update\"]` and who could grant what the key holds, as on create; to anyone outside the organization it answers 404.",
        response: { description: "The key with its new secret, shown this once.", schema: createdApiKeySchema },
        errors: ["IMPERSONATED_SESSION", "NOT_FOUND", "INSUFFICIENT_PERMISSIONS", "INVALID_GRACE_PERIOD", "CANNOT_ROLL_EXPIRED", "ROLL_CONFLICT", "STORAGE_UNAVAILABLE", "ORGANIZATION_ROLE_FORBIDS"],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "roll an API key", async () => {
        const { id, gracePeriod } = ctx.body;
        const { kind, row, signedIn, actor } = isServerCall(ctx) ? await anyKey(ctx, options, id) : await callersKey(ctx, options, id);
        const { secret, ...rolled } = await rollCredential(ctx, kind, row, gracePeriod, signedIn, actor);
        return ctx.json({ ...rolled, key: secret });
      }),
  );
}

/** A signed-in caller's own key, or an organization's whose role allows `apiKey: ["update"]`. */
async function callersKey(ctx: GenericEndpointContext, options: ResolvedApiKeyOptions, id: string) {
  const target = await keyTarget(ctx, options, id, "update", "mint");
  const kind = kindFor(ctx.context, target.configuration.config);
  const row = await findOwnedOrThrow(ctx, kind, target.scope, id);
  // The answer is a working secret: a member gets one only for a grant they could make themselves.
  const { role, ownerId } = target.scope;
  if (target.scope.ownerModel === "organization" && role) {
    await checkMemberMayHold(ctx.context, target.actor, parseStatements(row.permissions), target.configuration, { organizationId: ownerId, role });
  }
  return { kind, row, signedIn: target.scope.signedIn, actor: actorOf(target.scope) };
}

/** Server code may roll any key by id, whoever owns it. */
async function anyKey(
  ctx: GenericEndpointContext,
  options: ResolvedApiKeyOptions,
  id: string,
): Promise<{ kind: CredentialKind; row: CredentialRow; signedIn: false; actor: CredentialEventActor }> {
  for (const configuration of options.configurations) {
    const kind = kindFor(ctx.context, configuration.config);
    const row = await kind.store.findById(ctx.context.adapter, id);
    if (row) return { kind, row, signedIn: false, actor: { type: "server" } };
  }
  throw credentialError("NOT_FOUND");
}
