import { createHash } from "node:crypto";
import { findSecret } from "./secrets";

/**
 * Everything a test file's auth instances said (log lines, console output, error bodies and
 * their headers) and every secret they handed out (keys and tokens from create responses, their
 * hashes, the auth secret, registered peppers). At the end of the file, no secret may appear in
 * anything said. Module state on purpose: vitest gives each test file its own module graph.
 */
const secrets = new Set<string>();
const said: { source: string; text: string }[] = [];

export function registerSecret(value: string) {
  if (value.length >= 16) secrets.add(value);
}

/** A credential handed to a client: it and its stored hash must never be said again. */
export function registerCredential(value: string) {
  registerSecret(value);
  registerSecret(createHash("sha256").update(value).digest("base64url"));
}

export function recordSaid(source: string, text: string) {
  said.push({ source, text });
}

/** Inspects a response on its way to the test: credentials it hands out, and what errors say. */
export async function observeResponse(response: Response) {
  const text = await response.clone().text();
  if (response.status >= 400) {
    recordSaid(`error body ${response.status}`, text);
    recordSaid(`error headers ${response.status}`, JSON.stringify([...response.headers]));
    return;
  }
  if (!text.startsWith("{")) return;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const field of ["key", "token"]) {
      const value = body[field];
      if (typeof value === "string" && value.includes("_")) registerCredential(value);
    }
  } catch {
    // Not JSON: nothing to register.
  }
}

/** Every secret that appears in anything said, as redacted descriptions (never the secret). */
export function leakedSecrets(): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    for (const { source, text } of said) {
      if (findSecret(text, secret).length > 0) leaks.push(`${secret.slice(0, 4)}… (${secret.length} chars) in ${source}`);
    }
  }
  return leaks;
}


/** Empties the sink: for the sink's own tests, which must leave nothing behind for afterAll. */
export function clearSink() {
  secrets.clear();
  said.length = 0;
}
