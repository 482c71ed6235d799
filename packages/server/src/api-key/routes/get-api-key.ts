import { createAuthEndpoint } from "better-auth/api";
import * as z from "zod";
import { findOwnedOrThrow } from "../../core/credential-service";
import { keyTarget } from "../key-scope";
import { toPublicCredential } from "../../core/credential-table";
import { idSchema } from "../../core/request-schemas";
import type { ResolvedApiKeyOptions } from "../resolve-options";
import { kindFor } from "../../core/instance-kinds";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { publicCredentialSchema } from "../../core/response-schemas";
import { hidingStoredValues } from "../../core/store-failure";

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
          "Another user's key answers 404, as a missing one does. " +
          "An organization's key is shown to members whose role allows `apiKey: [\"read\"]`; to anyone outside the organization it answers 404.",
        response: { description: "The key's public fields.", schema: publicCredentialSchema },
        errors: ["NOT_FOUND", "ORGANIZATION_ROLE_FORBIDS", "STORAGE_UNAVAILABLE"],
      },
    ),
    async (ctx) =>
      // A database failure is 503 STORAGE_UNAVAILABLE, logged without the query's values.
      hidingStoredValues(ctx.context, "get an API key", async () => {
        const target = await keyTarget(ctx, options, ctx.query.id, "read");
        const kind = kindFor(ctx.context, target.configuration.config);
        return ctx.json(toPublicCredential(await findOwnedOrThrow(ctx, kind, target.scope, ctx.query.id)));
      }),
  );
}
