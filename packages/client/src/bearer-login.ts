import { TOKEN_ERROR_CODES } from "./error-codes";
import type { User } from "better-auth";
import type { BetterFetch, BetterFetchOption } from "better-auth/client";

/** What `bearer.login` sends: `/sign-in/email`'s body. */
export interface BearerLoginInput {
  email: string;
  password: string;
  /** `false` makes a short-lived session, as on `/sign-in/email`; a refresh keeps it short. */
  rememberMe?: boolean;
}

/** The error branch as Better Auth's client actions type it: branch on `code`. */
export interface BearerLoginError {
  status: number;
  statusText: string;
  code?: string | undefined;
  message?: string | undefined;
}

/** Better Auth's `{ data, error }`: exactly one of the two is set. */
export type BearerLoginResult =
  | { data: { token: string; user: User }; error: null }
  | { data: null; error: BearerLoginError };

type SignInBody = { token?: string | null; user?: User; twoFactorRedirect?: boolean };

/**
 * `authClient.bearer.login`: Better Auth's own `/sign-in/email`, so captcha, disabled paths, rate
 * limits, hooks and email verification apply exactly as they do to sign-in. The token is read
 * from the `set-auth-token` header, the signed value `bearer()` sets (the body's is unsigned,
 * which `requireSignature` refuses). Pass per-call headers such as `x-captcha-response` in
 * `fetchOptions`.
 */
export function createBearerLogin($fetch: BetterFetch, notifySession: () => void, baseURL?: string) {
  const origin = originOf(baseURL);
  return async function login(input: BearerLoginInput, fetchOptions?: BetterFetchOption): Promise<BearerLoginResult> {
    let token: string | null = null;
    // Outside a browser nothing sends an Origin, and Node's fetch sends Sec-Fetch-Mode, for which
    // Better Auth's sign-in asks for one: the server's own, as a page of the app would send. A
    // browser drops this header (it may not be set there) and sends its own.
    const headers = headersOf(fetchOptions?.headers);
    if (origin && !headers.has("origin")) headers.set("origin", origin);
    const result = await $fetch<SignInBody>("/sign-in/email", {
      ...fetchOptions,
      headers,
      // The { data, error } contract holds even on a client configured to throw.
      throw: false,
      method: "POST",
      body: input,
      onSuccess: async (context) => {
        token = context.response.headers.get("set-auth-token");
        await fetchOptions?.onSuccess?.(context);
      },
    });
    if (result.error) return { data: null, error: result.error };
    const user = result.data?.user;
    // Two-factor (or any hook) can answer 200 without a session: never report that as a login.
    if (!token || !user || result.data?.twoFactorRedirect) {
      const { code, message } = TOKEN_ERROR_CODES.SIGN_IN_INCOMPLETE;
      return { data: null, error: { status: 403, statusText: "Forbidden", code, message } };
    }
    notifySession();
    return { data: { token, user }, error: null };
  };
}

/** The origin of the client's `baseURL`, or undefined where it has none (a relative URL in a browser). */
function originOf(baseURL: string | undefined): string | undefined {
  if (!baseURL) return undefined;
  try {
    return new URL(baseURL).origin;
  } catch {
    return undefined;
  }
}

/**
 * The call's headers as better-fetch reads them on every other call: a header whose value is
 * `undefined` or `null` (which its type allows) is left out, not sent as the text "undefined".
 */
function headersOf(init: BetterFetchOption["headers"] | HeadersInit | undefined): Headers {
  if (!init || init instanceof Headers) return new Headers(init);
  const entries: [string, unknown][] = Array.isArray(init) ? init : Object.entries(init);
  const headers = new Headers();
  for (const [key, value] of entries) if (value !== undefined && value !== null) headers.set(key, String(value));
  return headers;
}
