import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { revokeOwnedCredential } from "../../core/credential-service";
import { idSchema } from "../../core/request-schemas";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedBearerOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

/**
 * `POST` or `DELETE /bearer/revoke-token` (`authClient.bearer.revokeToken`,
 * `auth.api.revokePersonalToken`): the token fails on the very next request. Another user's id,
 * or an API key's, answers 404.
 */
export function revokeTokenRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint(
    "/bearer/revoke-token",
    { method: ["POST", "DELETE"], body: z.object({ id: idSchema }) },
    async (ctx) => {
      const actor = await resolveActor(ctx, undefined);
      return ctx.json(await revokeOwnedCredential(ctx, kindFor(ctx.context, options.config), actor, ctx.body.id));
    },
  );
}
