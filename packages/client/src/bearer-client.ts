import type { bearer } from "@better-auth-tokens/server";
import { answerDates } from "./answer-dates";
import { TOKEN_ERROR_CODES } from "./error-codes";
import type { BetterAuthClientPlugin } from "better-auth/client";
import { createBearerLogin } from "./bearer-login";

export type { BearerLoginError, BearerLoginInput, BearerLoginResult } from "./bearer-login";

const SESSION_PATHS = new Set(["/bearer/refresh", "/bearer/logout"]);

/** The routes of `bearer()` a client can call (`api-key-client.test.ts` checks the list against the plugin). */
export const BEARER_ROUTES = [
  "/bearer/create-token",
  "/bearer/list-tokens",
  "/bearer/revoke-token",
  "/bearer/roll-token",
  "/bearer/update-token",
  "/bearer/refresh",
  "/bearer/logout",
  "/bearer/exchange-code",
] as const;

/**
 * Client side of `bearer()`: `authClient.bearer.createToken / listTokens / updateToken / rollToken / revokeToken` for
 * personal tokens and `authClient.bearer.login / refresh / logout` for session tokens, typed from
 * the server plugin. `login` runs in the client only: it calls Better Auth's `/sign-in/email`.
 * `bearer.exchangeCode` swaps the one-time code of a redirect sign-in (social, magic link) for the
 * session token (see `requestBearerCode` and `readBearerCode`).
 *
 * @example
 * const authClient = createAuthClient({ plugins: [bearerClient()] });
 * const { data, error } = await authClient.bearer.createToken({ name: "CI", expiresIn: 30 * 24 * 3600 });
 */
export function bearerClient() {
  return {
    id: "bearer",
    $InferServerPlugin: {} as ReturnType<typeof bearer>,
    // Calls without a body go out as GET unless listed here.
    pathMethods: {
      "/bearer/revoke-token": "POST",
      "/bearer/refresh": "POST",
      "/bearer/logout": "POST",
      "/bearer/exchange-code": "POST",
    },
    // A refresh or logout changes who is signed in: session hooks (useSession) refetch.
    atomListeners: [{ matcher: (path) => SESSION_PATHS.has(path), signal: "$sessionSignal" }],
    getActions: ($fetch, $store, options) => ({
      bearer: { login: createBearerLogin($fetch, () => $store.notify("$sessionSignal"), options?.baseURL) },
    }),
    // Names, descriptions and metadata stay strings where Better Auth's client would make Dates of them.
    fetchPlugins: [answerDates("bearer-answer-dates", BEARER_ROUTES)],
    $ERROR_CODES: TOKEN_ERROR_CODES,
  } satisfies BetterAuthClientPlugin;
}
