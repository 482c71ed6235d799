import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import type { GenericEndpointContext } from "better-auth";
import type { CredentialConfig } from "./credential-config";
import { revokeOwnedCredential, userScope, type OwnerScope } from "./credential-service";
import { kindFor } from "./instance-kinds";
import { withOpenAPI, type EndpointDoc } from "./openapi";
import { idSchema } from "./request-schemas";
import { resolveActor } from "./resolve-actor";
import { isServerCall, serverScopeForId } from "./server-call";
import { revokedCredentialSchema } from "./response-schemas";
import type { TokenErrorCode } from "../error-codes";
import { hidingStoredValues } from "./store-failure";

/**
 * Finds whose credential an id names and whether the caller may act on it; the default is the
 * caller's own credentials of `config`. `apiKey()` passes its own, which also looks among
 * organizations' keys.
 */
export type ScopeForId = (ctx: GenericEndpointContext, id: string) => Promise<{ config: CredentialConfig; scope: OwnerScope }>;

/**
 * `POST` or `DELETE` with `{ id }`: deletes one of the caller's credentials of this kind, which
 * fails on the very next request. Another user's id, or another kind's, answers 404. Server code
 * (no headers, no request) may revoke any credential of this kind by its id.
 */
export function createRevokeRoute<Path extends `/${string}`>(
  path: Path,
  config: CredentialConfig,
  doc: Pick<EndpointDoc, "operationId" | "tag" | "summary" | "description">,
  scopeForId?: ScopeForId,
  extraErrors: TokenErrorCode[] = [],
) {
  return createAuthEndpoint(
    path,
    withOpenAPI(
      { method: ["POST", "DELETE"], body: z.object({ id: idSchema }) },
      {
        ...doc,
        // Better Auth's reference shows no body under DELETE, so the description says it.
        description: `${doc.description} \`DELETE\` takes the same JSON body as \`POST\`.`,
        response: { description: "The revoked credential's id.", schema: revokedCredentialSchema },
        errors: ["NOT_FOUND", "STORAGE_UNAVAILABLE", ...extraErrors],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "revoke a credential", async () => {
        const target = scopeForId
          ? await scopeForId(ctx, ctx.body.id)
          : isServerCall(ctx)
            ? { config, scope: await serverScopeForId(ctx, kindFor(ctx.context, config), ctx.body.id) }
            : { config, scope: userScope(await resolveActor(ctx, undefined)) };
        return ctx.json(await revokeOwnedCredential(ctx, kindFor(ctx.context, target.config), target.scope, ctx.body.id));
      }),
  );
}
