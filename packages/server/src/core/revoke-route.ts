import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import type { CredentialConfig } from "./credential-config";
import { revokeOwnedCredential } from "./credential-service";
import { kindFor } from "./instance-kinds";
import { idSchema } from "./request-schemas";
import { resolveActor } from "./resolve-actor";

/**
 * `POST` or `DELETE` with `{ id }`: deletes one of the caller's credentials of this kind, which
 * fails on the very next request. Another user's id, or another kind's, answers 404.
 */
export function createRevokeRoute<Path extends `/${string}`>(path: Path, config: CredentialConfig) {
  return createAuthEndpoint(path, { method: ["POST", "DELETE"], body: z.object({ id: idSchema }) }, async (ctx) => {
    const actor = await resolveActor(ctx, undefined);
    return ctx.json(await revokeOwnedCredential(ctx, kindFor(ctx.context, config), actor, ctx.body.id));
  });
}
