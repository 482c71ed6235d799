import type { CredentialConfig } from "./credential-config";
import { readApiKeyHeader, readWithGetter, type ApiKeyChannels, type ApiKeyGetter } from "./api-key-headers";

const BEARER_SCHEME = /^Bearer +/i;

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
    const apiKey = kind.apiKeyGetter ? readGetterKey(kind.apiKeyGetter, headers) : readApiKeyHeader(headers, kind.apiKeyHeaders);
    // With several configurations (user and organization keys), the prefix says whose value it
    // is; a value with no known prefix goes to the one configuration that takes those.
    if (apiKey && takesApiKeyValue(kind, apiKey)) return apiKey;
    if (apiKey) return null;
  }
  const bearer = readBearerValue(headers);
  return bearer?.startsWith(kind.format.prefix) ? bearer : null;
}

/**
 * The getter's key, or null when what it returned is the request's Bearer value: a getter that
 * reads `Authorization` is then judged by the Bearer rule below (our prefix only), so it never
 * claims a personal token or a Better Auth session token that another plugin reads.
 */
function readGetterKey(getter: ApiKeyGetter, headers: HeaderSource | undefined): string | null {
  const value = readWithGetter(getter, headers);
  return value !== null && value === readBearerValue(headers) ? null : value;
}

function takesApiKeyValue(
  kind: Pick<CredentialConfig, "format" | "takesUnprefixedApiKeyHeader" | "siblingPrefixes">,
  value: string,
): boolean {
  if (value.startsWith(kind.format.prefix)) return true;
  return kind.takesUnprefixedApiKeyHeader && !kind.siblingPrefixes.some((prefix) => value.startsWith(prefix));
}

/**
 * RFC 6750 §2: a client sends its credential one way. A request with both an API key (in
 * `X-API-Key`, the app's `apiKeyHeaders`, or from its `customAPIKeyGetter`) and
 * `Authorization: Bearer`, or with two API keys, is refused whatever the values, so the answer
 * never depends on which plugin's hook happens to run first. Only what some plugin reads counts.
 */
export function presentsSeveralCredentials(headers: HeaderSource | undefined, channels: ApiKeyChannels): boolean {
  if (!headers) return false;
  if (channels.getters.length > 0) return presentsSeveralWithGetters(headers, channels);
  let presented = 0;
  for (const name of channels.names) if (headers.get(name)?.trim()) presented += 1;
  if (presented === 0) return false;
  return presented > 1 || readBearerValue(headers) !== null;
}

/** The same, when a getter reads keys too: only apps with one pay for asking it. */
function presentsSeveralWithGetters(headers: HeaderSource, { names, getters }: ApiKeyChannels): boolean {
  const bearer = readBearerValue(headers);
  const keys: string[] = [];
  for (const name of names) {
    const value = headers.get(name)?.trim();
    if (value) keys.push(value);
  }
  for (const getter of getters) {
    const value = readWithGetter(getter, headers);
    // A getter may read a header counted already, or the Bearer value itself: that is the same
    // credential, not another one.
    if (value && value !== bearer && !keys.includes(value)) keys.push(value);
  }
  if (keys.length === 0) return false;
  return keys.length > 1 || bearer !== null;
}
