import { createRevokeRoute } from "../../core/revoke-route";
import type { ResolvedApiKeyOptions } from "../resolve-options";

/** `POST` or `DELETE /api-key/revoke` (`authClient.apiKey.revoke`): the key fails on the very next request. */
export function revokeApiKeyRoute(options: ResolvedApiKeyOptions) {
  return createRevokeRoute("/api-key/revoke", options.config);
}
