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

const createApiKeyBody = z.object({
  name: nameSchema,
  description: descriptionSchema.optional(),
  expiresIn: expiresInSchema.optional(),
  permissions: permissionsSchema.optional(),
  metadata: metadataSchema.optional(),
  /** Server-side calls only: the user to create the key for. Ignored over HTTP. */
  userId: z.string().min(1).optional(),
});

/** `POST /api-key/create` (`authClient.apiKey.create`): the only response that ever holds the key. */
export function createApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/create",
    { method: "POST", body: createApiKeyBody },
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
