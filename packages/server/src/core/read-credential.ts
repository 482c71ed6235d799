import type { CredentialConfig } from "./credential-config";
import { DEFAULT_API_KEY_HEADERS, readApiKeyHeader, readWithGetter } from "./api-key-headers";

const BEARER_SCHEME = /^Bearer +/i;
// Shared, not built per call: `presentsSeveralCredentials` runs on every request.
const NO_HEADERS: readonly string[] = [];

/**
 * What the request path reads headers through: a `Headers`, or anything with its `get` (the
 * middleware reads Node's own header object, and skips building a `Headers` per request).
 */
export type HeaderSource = Pick<Headers, "get">;

/**
 * Reads the value of `Authorization: Bearer <value>`, or null when the header is absent or
 * another scheme. Never throws, whatever the header holds.
 */
export function readBearerValue(headers: HeaderSource | undefined): string | null {
  const header = headers?.get("authorization");
  if (!header || !BEARER_SCHEME.test(header)) return null;
  return header.replace(BEARER_SCHEME, "").trim();
}

/**
 * The credential this kind should judge, or null when the request carries none of ours.
 * A Bearer value is ours only when it starts with our prefix, so Better Auth session tokens
 * (which never contain "_") pass through to Better Auth untouched and cost us nothing.
 */
export function readCredential(
  headers: HeaderSource | undefined,
  kind: Pick<CredentialConfig, "format" | "readsApiKeyHeader" | "apiKeyHeaders" | "apiKeyGetter" | "takesUnprefixedApiKeyHeader" | "siblingPrefixes">,
): string | null {
  if (kind.readsApiKeyHeader) {
    // The app's getter, or its header names (`x-api-key` by default): held to the same prefix rules.
    const apiKey = kind.apiKeyGetter ? readWithGetter(kind.apiKeyGetter, headers) : readApiKeyHeader(headers, kind.apiKeyHeaders);
    // With several configurations (user and organization keys), the prefix says whose value it
    // is; a value with no known prefix goes to the one configuration that takes those.
    if (apiKey && takesApiKeyValue(kind, apiKey)) return apiKey;
    if (apiKey) return null;
  }
  const bearer = readBearerValue(headers);
  return bearer?.startsWith(kind.format.prefix) ? bearer : null;
}

function takesApiKeyValue(
  kind: Pick<CredentialConfig, "format" | "takesUnprefixedApiKeyHeader" | "siblingPrefixes">,
  value: string,
): boolean {
  if (value.startsWith(kind.format.prefix)) return true;
  return kind.takesUnprefixedApiKeyHeader && !kind.siblingPrefixes.some((prefix) => value.startsWith(prefix));
}

/**
 * RFC 6750 §2: a client sends its credential one way. A request with both an API-key header
 * (`X-API-Key`, or the app's `apiKeyHeaders`) and `Authorization: Bearer`, or two API-key headers,
 * is refused whatever the values, so the answer never depends on which plugin's hook happens to
 * run first. Only API-key headers some plugin reads count (`true` means `X-API-Key` alone).
 */
export function presentsSeveralCredentials(headers: HeaderSource | undefined, apiKeyHeaders: boolean | readonly string[]): boolean {
  const names = apiKeyHeaders === true ? DEFAULT_API_KEY_HEADERS : apiKeyHeaders === false ? NO_HEADERS : apiKeyHeaders;
  if (!headers || names.length === 0) return false;
  let presented = 0;
  for (const name of names) if (headers.get(name)?.trim()) presented += 1;
  if (presented === 0) return false;
  return presented > 1 || readBearerValue(headers) !== null;
}
