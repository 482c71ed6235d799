import type { BetterAuthOptions } from "better-auth";
import type { HeaderSource } from "./read-credential";

/**
 * Reads the API key from a request in the app's own way (upstream's `customAPIKeyGetter`). Gets
 * `{ headers }`, so a getter written for upstream (`ctx.headers?.get(...)`) works unchanged.
 * A value is still ours only when it carries our prefix (or is a legacy key where accepted).
 */
export type ApiKeyGetter = (ctx: { headers: HeaderSource | undefined }) => string | null | undefined;

export const DEFAULT_API_KEY_HEADERS: readonly string[] = ["x-api-key"];
/** Headers that carry something else: a key read from them would be taken for a session or a bearer. */
const RESERVED = new Set(["authorization", "cookie", "set-cookie", "host", "user-agent"]);
/** RFC 9110 §5.1: a field name is a token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Validates `apiKeyHeaders` at startup; names are lowercased, as Node and `Headers` keep them. */
export function resolveApiKeyHeaders(value: unknown, optionName: string): readonly string[] {
  if (value === undefined) return DEFAULT_API_KEY_HEADERS;
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(`"${optionName}" must be a header name or a non-empty list of header names; got ${JSON.stringify(value)}`);
  }
  return list.map((name: unknown) => {
    const lower = typeof name === "string" ? name.trim().toLowerCase() : "";
    if (!TOKEN.test(lower)) throw new TypeError(`"${optionName}": ${JSON.stringify(name)} is not a valid header name`);
    if (RESERVED.has(lower)) throw new TypeError(`"${optionName}": "${lower}" carries something else and cannot carry an API key`);
    return lower;
  });
}

export function validateApiKeyGetter(value: unknown, optionName: string): ApiKeyGetter | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new TypeError(`"${optionName}" must be a function; got ${typeof value}`);
  return value as ApiKeyGetter;
}

/**
 * The getter's answer as a credential: a throw, a non-string or a blank value is no credential,
 * never a 500. So is a promise, which a request cannot wait for here; its rejection is caught,
 * or every request would end in an unhandled rejection, which ends a Node process by default.
 */
export function readWithGetter(getter: ApiKeyGetter, headers: HeaderSource | undefined): string | null {
  let value: unknown;
  try {
    value = getter({ headers });
    if (isThenable(value)) {
      value.then(undefined, () => {});
      return null;
    }
  } catch {
    return null;
  }
  if (typeof value !== "string") return null;
  return value.trim() || null;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** The first of `names` that holds a non-blank value. */
export function readApiKeyHeader(headers: HeaderSource | undefined, names: readonly string[]): string | null {
  if (!headers) return null;
  for (const name of names) {
    const value = headers.get(name)?.trim();
    if (value) return value;
  }
  return null;
}

/** How the API-key plugins of an instance read a key, besides `Authorization: Bearer`. */
export interface ApiKeyChannels {
  /** Every header a key is read from. */
  names: readonly string[];
  /** The apps' getters (`customAPIKeyGetter`): they may read any header, so each is asked. */
  getters: readonly ApiKeyGetter[];
}

const channelsByInstance = new WeakMap<BetterAuthOptions, ApiKeyChannels>();

/**
 * Every way an API-key plugin of this instance reads a key (ours publish theirs, upstream's
 * reads `x-api-key` unless told otherwise, and publishes no getter); none without one.
 * Memoized per instance.
 */
export function apiKeyChannels(options: BetterAuthOptions): ApiKeyChannels {
  let channels = channelsByInstance.get(options);
  if (channels === undefined) {
    const names = new Set<string>();
    const getters = new Set<ApiKeyGetter>();
    for (const plugin of options.plugins ?? []) {
      if (plugin.id !== "api-key") continue;
      const published = plugin.options as { apiKeyHeaders?: unknown; apiKeyGetters?: unknown } | undefined;
      const list = typeof published?.apiKeyHeaders === "string" ? [published.apiKeyHeaders] : Array.isArray(published?.apiKeyHeaders) ? published.apiKeyHeaders : DEFAULT_API_KEY_HEADERS;
      for (const name of list) if (typeof name === "string") names.add(name.toLowerCase());
      if (Array.isArray(published?.apiKeyGetters)) for (const getter of published.apiKeyGetters) if (typeof getter === "function") getters.add(getter as ApiKeyGetter);
    }
    channels = { names: [...names], getters: [...getters] };
    channelsByInstance.set(options, channels);
  }
  return channels;
}
