import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { findOwnedOrThrow } from "../../core/credential-service";
import { toPublicCredential } from "../../core/credential-table";
import { idSchema } from "../../core/request-schemas";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { publicCredentialSchema } from "../../core/response-schemas";

/** `GET /api-key/get?id=` (`authClient.apiKey.get`): one of the caller's keys; 404 for anyone else's. */
export function getApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/get",
    withOpenAPI(
      { method: "GET", query: z.object({ id: idSchema }) },
      {
        operationId: "getApiKey",
        tag: OPENAPI_TAGS.apiKey,
        summary: "Get one of your API keys",
        description:
          "One of the signed-in user's API keys, by id: its name, permissions, metadata and dates, never the key or its hash. " +
          "Another user's key answers 404, as a missing one does.",
        response: { description: "The key's public fields.", schema: publicCredentialSchema },
        errors: ["NOT_FOUND"],
      },
    ),
    async (ctx) => {
      const actor = await resolveActor(ctx, undefined);
      return ctx.json(toPublicCredential(await findOwnedOrThrow(ctx, kindFor(ctx.context, options.config), actor, ctx.query.id)));
    },
  );
}
