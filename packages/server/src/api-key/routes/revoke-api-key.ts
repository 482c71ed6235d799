import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { revokeOwnedCredential } from "../../core/credential-service";
import { idSchema } from "../../core/request-schemas";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

/** `POST` or `DELETE /api-key/revoke` (`authClient.apiKey.revoke`): the key fails on the very next request. */
export function revokeApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/revoke",
    { method: ["POST", "DELETE"], body: z.object({ id: idSchema }) },
    async (ctx) => {
      const actor = await resolveActor(ctx, undefined);
      return ctx.json(await revokeOwnedCredential(ctx, kindFor(ctx.context, options.config), actor, ctx.body.id));
    },
  );
}
