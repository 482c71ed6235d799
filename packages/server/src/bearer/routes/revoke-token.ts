import { OPENAPI_TAGS } from "../../core/openapi";
import { createRevokeRoute } from "../../core/revoke-route";
import type { ResolvedBearerOptions } from "../resolve-options";

/**
 * `POST` or `DELETE /bearer/revoke-token` (`authClient.bearer.revokeToken`,
 * `auth.api.revokePersonalToken`): the token fails on the very next request. Another user's id,
 * or an API key's, answers 404.
 */
export function revokeTokenRoute(options: ResolvedBearerOptions) {
  return createRevokeRoute("/bearer/revoke-token", options.config, {
    operationId: "revokePersonalToken",
    tag: OPENAPI_TAGS.bearer,
    summary: "Revoke one of your personal tokens",
    description:
      "Deletes one of the signed-in user's personal tokens: it fails from the very next request. " +
      "Another user's token, or an API key's id, answers 404, as a missing one does. " +
      "Session tokens are ended with `/bearer/logout` instead.",
  });
}
