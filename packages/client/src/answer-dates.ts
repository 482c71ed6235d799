import type { BetterFetchPlugin } from "better-auth/client";

/** The fields of our answers that are dates; nothing else is one, however it looks. */
const DATE_FIELD = /^(created|updated|lastUsed|expires|lastRefill|previousSecretExpires)At$/;

function reviveDates(item: unknown) {
  if (!item || typeof item !== "object") return;
  const fields = item as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    const value = fields[field];
    if (typeof value === "string" && DATE_FIELD.test(field)) fields[field] = new Date(value);
  }
}

/**
 * Reads one of our answers: JSON, with `Date`s for the credential's date fields only, at the
 * places the answers put a credential (the answer itself, or each item of a list page).
 */
function parseAnswer(text: string): unknown {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return text;
  }
  const page = data as { apiKeys?: unknown; tokens?: unknown } | null;
  const items = Array.isArray(data) ? data : Array.isArray(page?.apiKeys) ? page.apiKeys : Array.isArray(page?.tokens) ? page.tokens : [data];
  for (const item of items) reviveDates(item);
  return data;
}

/**
 * Better Auth's client makes a `Date` of every string of an answer that looks like an ISO date:
 * a key named "2026-01-01T00:00:00Z" (or such a description or metadata value) came back with a
 * `Date` where the types say `string`, and a page that rendered it failed. Answers of `routes`
 * (our plugin's paths, however the URL is spelled before them) are read by `parseAnswer` instead;
 * any other route, another plugin's under a path that holds `/api-key/` too, keeps Better Auth's reading.
 */
export function answerDates(id: string, routes: readonly string[]): BetterFetchPlugin {
  const ours = (url: string) => {
    const { pathname } = new URL(url, "http://localhost");
    return routes.some((route) => pathname.endsWith(route));
  };
  return {
    id,
    name: id,
    init: async (url, options = {}) => ({ url, options: ours(url) ? { ...options, jsonParser: parseAnswer } : options }),
  };
}
