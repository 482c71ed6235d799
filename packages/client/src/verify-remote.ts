import type { TokenErrorCode } from "./error-codes";
// Relative on purpose, as the error table: the build bundles the type, so a service that installs
// only this package (no Better Auth, no server) still gets it.
import type { RemoteVerification } from "../../server/src/remote-verification/remote-verification-result";

// The server's own check of the option, bundled the same way: the names are checked alike on both sides.
import { resolveApiKeyHeaders } from "../../server/src/core/api-key-headers";
import { MAX_CLIENT_IP_LENGTH, MAX_CREDENTIAL_LENGTH } from "../../server/src/remote-verification/credential-length";

export type { RemoteVerification };

/** Path of the endpoint under the auth base URL (`remoteVerification()` on the server). */
const VERIFY_PATH = "/service/verify-credential";

/** What a route asks of the credential, as `createVerifier`'s requirement says it. */
export interface RemoteRequirement {
  permissions?: string[] | Record<string, string[]> | undefined;
  /** @default "refuse" */
  personalTokens?: "refuse" | "owner" | undefined;
  /** @default "refuse" */
  organizationKeys?: "refuse" | "accept" | undefined;
  /**
   * The IP address of this service's caller, as this service resolves it (its socket, or a
   * forwarded header its own proxy sets): a credential with an IP allowlist is checked against
   * it. Without it, such a credential is refused with `IP_NOT_ALLOWED`.
   * @default undefined
   */
  clientIp?: string | undefined;
}

/**
 * Whether the credential is valid, as the auth server said; or, when it could not say, why:
 * the service token was refused, the service is over its rate limit (`retryAfterSeconds`), or
 * the server could not be reached in time. Each of those is `valid: false`: fail closed. A
 * request that carries no credential (`UNAUTHORIZED`) or several (`MULTIPLE_CREDENTIALS`, which
 * the auth server answers with 400), or one longer than any credential (`INVALID_CREDENTIAL`), is
 * refused here, without asking the server.
 */
export type RemoteVerifyResult =
  | RemoteVerification
  | {
      valid: false;
      code: LocalRefusalCode;
      /** For `SERVICE_RATE_LIMITED`: the seconds the auth server said to wait; null otherwise. */
      retryAfterSeconds: number | null;
      owner: null;
      permissions: null;
      authMethod: null;
      credentialId: null;
    };

/** The refusals `verify` answers itself, without the auth server's word on the credential. */
type LocalRefusalCode = Extract<
  TokenErrorCode,
  "SERVICE_UNAUTHORIZED" | "SERVICE_RATE_LIMITED" | "VERIFICATION_UNAVAILABLE" | "UNAUTHORIZED" | "MULTIPLE_CREDENTIALS" | "INVALID_CREDENTIAL"
>;

export interface VerifyRemoteOptions {
  /** The `fetch` to call the server with. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** How long one verification may take before it answers `VERIFICATION_UNAVAILABLE`. @default 5000 */
  timeoutMs?: number | undefined;
  /**
   * The headers the auth server reads API keys from, besides `Authorization: Bearer`: every
   * name in its `apiKey({ apiKeyHeaders })` (and its organization keys' own, if they name
   * others). `verify(request)` reads the key from them, and refuses a request with a key in two
   * of them, or in one beside `Authorization: Bearer`, with `MULTIPLE_CREDENTIALS`, as the auth
   * server does. Matched case-insensitively; an invalid name, or one that carries something else
   * (`authorization`, `cookie`, …), throws when `verifyRemote` is called.
   * @default "x-api-key"
   */
  apiKeyHeaders?: string | readonly string[] | undefined;
}

const BEARER_SCHEME = /^Bearer +/i;

/**
 * What `verify` takes: the credential itself, or the request (a `Request`, its `Headers`, or a
 * Node-style header object such as `req.headers`). Anything else, `undefined` included (a header
 * that was not sent), is no credential: `UNAUTHORIZED`, never a throw.
 */
export type Presentable = string | Request | Pick<Headers, "get"> | Readonly<Record<string, string | readonly string[] | undefined>> | null | undefined;

/** The headers to read a non-string input from, or null when it holds none that can be read. */
function headerSourceOf(presented: Exclude<Presentable, string>): Pick<Headers, "get"> | null {
  if (presented instanceof Request) return presented.headers;
  if (typeof presented !== "object" || presented === null) return null;
  if (typeof (presented as Partial<Headers>).get === "function") return presented as Pick<Headers, "get">;
  // Node's header object: a repeated header is an array, read as `Headers` joins it (", ").
  const headers = new Headers();
  for (const [name, value] of Object.entries(presented as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== "string") continue;
      try {
        headers.append(name, item);
      } catch {
        // A name or value `Headers` refuses cannot be one the server reads a credential from.
      }
    }
  }
  return headers;
}

/** What a request presents, read as the auth server reads it. */
type Presented = { credential: string } | { refused: "UNAUTHORIZED" | "MULTIPLE_CREDENTIALS" };

/**
 * The credential a request carries, as the auth server reads it: the first of `apiKeyHeaders`
 * that holds a value, else `Authorization: Bearer`. Null when it carries none, and null when it
 * carries several (a key beside `Authorization: Bearer`, or keys in two of the headers), which
 * the auth server refuses whatever the values; `verify(request)` answers those `MULTIPLE_CREDENTIALS`.
 *
 * @param apiKeyHeaders The headers the auth server reads API keys from (`apiKey({ apiKeyHeaders })`). @default ["x-api-key"]
 */
export function credentialFromHeaders(headers: Pick<Headers, "get">, apiKeyHeaders?: string | readonly string[]): string | null {
  const presented = readPresented(headers, resolveApiKeyHeaders(apiKeyHeaders, "apiKeyHeaders"));
  return "credential" in presented ? presented.credential : null;
}

/**
 * The server's rule (`presentsSeveralCredentials`): RFC 6750 §2, a client sends its credential
 * one way. A non-blank value in one of the API-key headers beside an `Authorization: Bearer`
 * header, or in two of them, is several credentials, even when the values are the same.
 */
function readPresented(headers: Pick<Headers, "get">, apiKeyHeaders: readonly string[]): Presented {
  const authorization = headers.get("authorization");
  const bearer = authorization && BEARER_SCHEME.test(authorization) ? authorization.replace(BEARER_SCHEME, "").trim() : null;
  let apiKey: string | null = null;
  for (const name of apiKeyHeaders) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    if (apiKey !== null || bearer !== null) return { refused: "MULTIPLE_CREDENTIALS" };
    apiKey = value;
  }
  const credential = apiKey ?? bearer;
  return credential ? { credential } : { refused: "UNAUTHORIZED" };
}


/**
 * For a service of the app that does not run Better Auth: checks the credential its caller sent
 * with the auth server's `remoteVerification()` endpoint, in one round trip.
 *
 * @param url The auth server's base URL, e.g. `https://app.example.com/api/auth`.
 * @param serviceToken This service's token, as configured in `remoteVerification({ services })`.
 * @example
 * const verify = verifyRemote("https://app.example.com/api/auth", process.env.VERIFY_TOKEN!);
 * const result = await verify(request, { permissions: { invoices: ["read"] } });
 * if (!result.valid) return new Response(null, { status: 401 });
 */
export function verifyRemote(url: string, serviceToken: string, options: VerifyRemoteOptions = {}) {
  const endpoint = url.replace(/\/+$/, "").endsWith(VERIFY_PATH) ? url : `${url.replace(/\/+$/, "")}${VERIFY_PATH}`;
  const send = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const apiKeyHeaders = resolveApiKeyHeaders(options.apiKeyHeaders, "apiKeyHeaders");

  async function ask(read: Presented, requirement: RemoteRequirement): Promise<RemoteVerifyResult> {
    if ("refused" in read) return refused(read.refused);
    const { credential } = read;
    if (!credential) return refused("UNAUTHORIZED");
    // Longer than any credential: the endpoint would refuse the body (400), which says nothing
    // about the credential; createVerifier answers such a value 401 INVALID_CREDENTIAL.
    if (credential.length > MAX_CREDENTIAL_LENGTH) return refused("INVALID_CREDENTIAL");
    let response: Response;
    try {
      response = await send(endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${serviceToken}`, "content-type": "application/json" },
        body: JSON.stringify({ credential, ...withReadableClientIp(requirement) }),
        signal: AbortSignal.timeout(timeoutMs),
        // A verification is about this moment: never answered from an HTTP cache.
        cache: "no-store",
        // A 307/308 would send the credential on to wherever it points: not followed, the 3xx
        // (or a browser's opaque redirect) is not ok and fails closed below. Not "error", which
        // Cloudflare Workers refuse for every request.
        redirect: "manual",
      });
    } catch {
      return refused("VERIFICATION_UNAVAILABLE");
    }
    if (response.status === 401) return refused("SERVICE_UNAUTHORIZED");
    if (response.status === 429) {
      // Ours sends Retry-After; Better Auth's own rate limiter (per IP) sends X-Retry-After.
      const retryAfter = Number(response.headers.get("retry-after") ?? response.headers.get("x-retry-after"));
      return refused("SERVICE_RATE_LIMITED", retryAfter > 0 ? retryAfter : null);
    }
    if (!response.ok) return refused("VERIFICATION_UNAVAILABLE");
    try {
      return (await response.json()) as RemoteVerification;
    } catch {
      return refused("VERIFICATION_UNAVAILABLE");
    }
  }

  return async function verify(presented: Presentable, requirement: RemoteRequirement = {}): Promise<RemoteVerifyResult> {
    // A request is read here, as the auth server would read it: one that presents several
    // credentials is refused without a round trip, as `createVerifier` refuses it.
    if (typeof presented === "string") return ask({ credential: presented }, requirement);
    const headers = headerSourceOf(presented);
    return ask(headers ? readPresented(headers, apiKeyHeaders) : { refused: "UNAUTHORIZED" }, requirement);
  };
}

function refused(code: LocalRefusalCode, retryAfterSeconds: number | null = null): RemoteVerifyResult {
  return { valid: false, code, retryAfterSeconds, owner: null, permissions: null, authMethod: null, credentialId: null };
}

/**
 * The requirement as the endpoint reads it: a `clientIp` longer than any address (a whole
 * forwarded chain) is sent as none, so a credential with an IP allowlist is refused and any other
 * verified, rather than the endpoint refusing the body and every credential seeming unverifiable.
 */
function withReadableClientIp(requirement: RemoteRequirement): RemoteRequirement {
  if (requirement.clientIp === undefined || requirement.clientIp.length <= MAX_CLIENT_IP_LENGTH) return requirement;
  const { clientIp: _unreadable, ...rest } = requirement;
  return rest;
}
