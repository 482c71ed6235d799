import { createRevokeRoute } from "../../core/revoke-route";
import type { ResolvedBearerOptions } from "../resolve-options";

/**
 * `POST` or `DELETE /bearer/revoke-token` (`authClient.bearer.revokeToken`,
 * `auth.api.revokePersonalToken`): the token fails on the very next request. Another user's id,
 * or an API key's, answers 404.
 */
export function revokeTokenRoute(options: ResolvedBearerOptions) {
  return createRevokeRoute("/bearer/revoke-token", options.config);
}
