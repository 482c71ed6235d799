import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import type { CredentialConfig } from "./credential-config";
import { revokeOwnedCredential } from "./credential-service";
import { kindFor } from "./instance-kinds";
import { withOpenAPI, type EndpointDoc } from "./openapi";
import { idSchema } from "./request-schemas";
import { resolveActor } from "./resolve-actor";
import { revokedCredentialSchema } from "./response-schemas";

/**
 * `POST` or `DELETE` with `{ id }`: deletes one of the caller's credentials of this kind, which
 * fails on the very next request. Another user's id, or another kind's, answers 404.
 */
export function createRevokeRoute<Path extends `/${string}`>(
  path: Path,
  config: CredentialConfig,
  doc: Pick<EndpointDoc, "operationId" | "tag" | "summary" | "description">,
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
        errors: ["NOT_FOUND"],
      },
    ),
    async (ctx) => {
      const actor = await resolveActor(ctx, undefined);
      return ctx.json(await revokeOwnedCredential(ctx, kindFor(ctx.context, config), actor, ctx.body.id));
    },
  );
}
