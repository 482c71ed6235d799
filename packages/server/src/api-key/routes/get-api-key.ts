import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { findOwnedOrThrow } from "../../core/credential-service";
import { toPublicCredential } from "../../core/credential-table";
import { idSchema } from "../../core/request-schemas";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

/** `GET /api-key/get?id=` (`authClient.apiKey.get`): one of the caller's keys; 404 for anyone else's. */
export function getApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/get",
    { method: "GET", query: z.object({ id: idSchema }) },
    async (ctx) => {
      const actor = await resolveActor(ctx, undefined);
      return ctx.json(toPublicCredential(await findOwnedOrThrow(ctx, kindFor(ctx.context, options.config), actor, ctx.query.id)));
    },
  );
}
