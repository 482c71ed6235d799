import { createAuthEndpoint } from "better-auth/api";
import { listCredentialsOf } from "../../core/credential-service";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

/** `GET /api-key/list` (`authClient.apiKey.list`): the signed-in user's keys, never a key or hash. */
export function listApiKeysRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint("/api-key/list", { method: "GET" }, async (ctx) => {
    const actor = await resolveActor(ctx, undefined);
    return ctx.json(await listCredentialsOf(ctx, kindFor(ctx.context, options.config), actor));
  });
}
