import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { listCredentialsOf } from "../../core/credential-service";
import { resolveActor } from "../../core/resolve-actor";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { publicCredentialSchema } from "../../core/response-schemas";

/** `GET /api-key/list` (`authClient.apiKey.list`): the signed-in user's keys, never a key or hash. */
export function listApiKeysRoute(options: ResolvedApiKeyOptions) {
  return createAuthEndpoint(
    "/api-key/list",
    withOpenAPI(
      { method: "GET" },
      {
        operationId: "listApiKeys",
        tag: OPENAPI_TAGS.apiKey,
        summary: "List your API keys",
        description: "The signed-in user's API keys, newest first: public fields only, never a key or its hash.",
        response: { description: "The keys, newest first.", schema: z.array(publicCredentialSchema) },
      },
    ),
    async (ctx) => {
      const actor = await resolveActor(ctx, undefined);
      return ctx.json(await listCredentialsOf(ctx, kindFor(ctx.context, options.config), actor));
    },
  );
}
