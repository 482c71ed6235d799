import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { kindFor } from "../../core/instance-kinds";
import { revokeAllOwned } from "../../core/revoke-all-owned";
import type { ResolvedBearerOptions } from "../resolve-options";

/**
 * `auth.api.revokePersonalTokens({ body: { userId } })`: server only (404 over HTTP). Revokes
 * every personal token of the user and answers `{ revoked }`, the count. Their sessions are
 * Better Auth's: end those with its `revokeSessions`.
 */
export function revokeOwnerTokensRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint.serverOnly(
    { method: "POST", body: z.strictObject({ userId: z.string().min(1).max(255) }) },
    async (ctx) => ctx.json(await revokeAllOwned(ctx, [kindFor(ctx.context, options.config)], ctx.body.userId)),
  );
}
