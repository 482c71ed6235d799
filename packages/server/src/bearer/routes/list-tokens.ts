import { createAuthEndpoint } from "better-auth/api";
import { listCredentialsOf } from "../../core/credential-service";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedBearerOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

/**
 * `GET /bearer/list-tokens` (`authClient.bearer.listTokens`, `auth.api.listPersonalTokens`):
 * the signed-in user's personal tokens, newest first, never a token or its hash.
 */
export function listTokensRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint("/bearer/list-tokens", { method: "GET" }, async (ctx) => {
    const actor = await resolveActor(ctx, undefined);
    const tokens = await listCredentialsOf(ctx, kindFor(ctx.context, options.config), actor);
    return ctx.json(
      tokens.map(({ id, name, createdAt, lastUsedAt, expiresAt }) => ({ id, name, createdAt, lastUsedAt, expiresAt })),
    );
  });
}
