/**
 * The query parameter that asks a redirect sign-in for a one-time code (`bearer_code=request`)
 * and then carries it back (`bearer_code=<code>`). Kept in step with the server's
 * `SIGN_IN_CODE_PARAM` by the tests that run both.
 */
const PARAM = "bearer_code";
const REQUEST = "request";

/**
 * A callback URL that asks for a sign-in code: pass it as `callbackURL` (and `newUserCallbackURL`)
 * to `signIn.social` or `signIn.magicLink`. After sign-in, `bearer()` redirects there with
 * `bearer_code=<code>`, which `authClient.bearer.exchangeCode({ code })` swaps for the token.
 *
 * @example
 * await authClient.signIn.social({ provider: "github", callbackURL: requestBearerCode("myapp://signed-in") });
 */
export function requestBearerCode(callbackURL: string): string {
  const hashAt = callbackURL.indexOf("#");
  const path = hashAt === -1 ? callbackURL : callbackURL.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : callbackURL.slice(hashAt);
  const separator = path.includes("?") ? (path.endsWith("?") || path.endsWith("&") ? "" : "&") : "?";
  return `${path}${separator}${PARAM}=${REQUEST}${hash}`;
}

/**
 * The sign-in code in the URL a redirect sign-in landed on (the deep link an app opens, the
 * request a CLI's loopback server receives), or `null` when it holds none.
 *
 * @example
 * const code = readBearerCode(url);
 * if (code) token = (await authClient.bearer.exchangeCode({ code })).data?.token;
 */
export function readBearerCode(url: string | URL): string | null {
  let parsed: URL;
  try {
    // A base for paths such as "/callback?bearer_code=…"; app schemes parse on their own.
    parsed = new URL(url, "http://localhost");
  } catch {
    return null;
  }
  const code = parsed.searchParams.get(PARAM);
  return code && code !== REQUEST ? code : null;
}
