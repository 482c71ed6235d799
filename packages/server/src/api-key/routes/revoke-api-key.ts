import { OPENAPI_TAGS } from "../../core/openapi";
import { createRevokeRoute } from "../../core/revoke-route";
import { keyTarget } from "../key-scope";
import type { ResolvedApiKeyOptions } from "../resolve-options";

/** `POST` or `DELETE /api-key/revoke` (`authClient.apiKey.revoke`): the key fails on the very next request. */
export function revokeApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createRevokeRoute(
    "/api-key/revoke",
    options.defaultConfiguration.config,
    {
      operationId: "revokeApiKey",
      tag: OPENAPI_TAGS.apiKey,
      summary: "Revoke one of your API keys",
      description:
        "Deletes one of the signed-in user's API keys: it fails from the very next request. " +
        "Another user's key, or a personal token's id, answers 404, as a missing one does. " +
        "An organization's key can be revoked by members whose role allows `apiKey: [\"delete\"]`; to anyone outside the organization it answers 404.",
    },
    async (ctx, id) => {
      const target = await keyTarget(ctx, options, id, "delete");
      return { config: target.configuration.config, scope: target.scope };
    },
    ["ORGANIZATION_ROLE_FORBIDS"],
  );
}
