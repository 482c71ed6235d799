import type { apiKey } from "@better-auth-tokens/server";
import { answerDates } from "./answer-dates";
import { TOKEN_ERROR_CODES } from "./error-codes";
import type { BetterAuthClientPlugin } from "better-auth/client";

/** The routes of `apiKey()` a client can call (`api-key-client.test.ts` checks the list against the plugin). */
export const API_KEY_ROUTES = ["/api-key/create", "/api-key/list", "/api-key/get", "/api-key/update", "/api-key/revoke", "/api-key/roll"] as const;

/**
 * Client side of `apiKey()`: `authClient.apiKey.create / list / get / update / roll / revoke`, typed
 * from the server plugin.
 *
 * @example
 * const authClient = createAuthClient({ plugins: [apiKeyClient()] });
 * const { data, error } = await authClient.apiKey.create({ name: "CI" });
 */
export function apiKeyClient() {
  return {
    id: "api-key",
    $InferServerPlugin: {} as ReturnType<typeof apiKey>,
    pathMethods: { "/api-key/revoke": "POST" },
    // Names, descriptions and metadata stay strings where Better Auth's client would make Dates of them.
    fetchPlugins: [answerDates("api-key-answer-dates", API_KEY_ROUTES)],
    $ERROR_CODES: TOKEN_ERROR_CODES,
  } satisfies BetterAuthClientPlugin;
}
