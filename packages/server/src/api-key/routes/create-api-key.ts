import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { createCredentialFor } from "../../core/credential-service";
import { normalizeName } from "../../core/normalize-name";
import { resolveActor } from "../../core/resolve-actor";
import {
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

const createApiKeyBody = z.object({
  name: nameSchema,
  description: descriptionSchema.optional(),
  expiresIn: expiresInSchema.optional(),
  permissions: permissionsSchema.optional(),
  metadata: metadataSchema.optional(),
  /** Server-side calls only: the user to create the key for. Ignored over HTTP. */
  userId: z.string().min(1).optional().meta({ description: "Server-side calls (`auth.api`) only: ignored over HTTP." }),
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
          "Permissions beyond what the app allows the user are refused, as is a key over the per-user limit.",
        response: { description: "The new key, with the key itself, shown this once.", schema: createdApiKeySchema },
        errors: [
          "INVALID_NAME",
          "INVALID_DESCRIPTION",
          "INVALID_EXPIRY",
          "NO_EXPIRY_NOT_ALLOWED",
          "INVALID_METADATA",
          "INSUFFICIENT_PERMISSIONS",
          "MAX_KEYS_REACHED",
        ],
      },
    ),
    async (ctx) => {
      const actor = await resolveActor(ctx, ctx.body.userId);
      const name = normalizeName(ctx.body.name);
      const permissions = await grantPermissions(actor, ctx.body.permissions, options);
      const { secret, ...created } = await createCredentialFor(ctx, kindFor(ctx.context, options.config), actor, {
        name,
        description: ctx.body.description,
        expiresIn: ctx.body.expiresIn,
        permissions,
        metadata: ctx.body.metadata,
      });
      return ctx.json({ ...created, key: secret });
    },
  );
}
