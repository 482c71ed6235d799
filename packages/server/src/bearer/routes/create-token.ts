import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { createCredentialFor } from "../../core/credential-service";
import { expiresInSchema, nameSchema } from "../../core/request-schemas";
import { normalizeName } from "../../core/normalize-name";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedBearerOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";

const createTokenBody = z.object({
  name: nameSchema,
  expiresIn: expiresInSchema.optional(),
  /** Server-side calls only: the user to create the token for. Ignored over HTTP. */
  userId: z.string().min(1).optional(),
});

/**
 * `POST /bearer/create-token` (`authClient.bearer.createToken`, `auth.api.createPersonalToken`):
 * the only response that ever holds the token.
 */
export function createTokenRoute(options: ResolvedBearerOptions) {
  return createAuthEndpoint("/bearer/create-token", { method: "POST", body: createTokenBody }, async (ctx) => {
    const actor = await resolveActor(ctx, ctx.body.userId);
    // Personal tokens act as their owner's session: they carry no permissions of their own.
    const created = await createCredentialFor(ctx, kindFor(ctx.context, options.config), actor, {
      name: normalizeName(ctx.body.name),
      expiresIn: ctx.body.expiresIn,
      permissions: {},
    });
    return ctx.json({
      id: created.id,
      token: created.secret,
      name: created.name,
      expiresAt: created.expiresAt,
      createdAt: created.createdAt,
    });
  });
}
