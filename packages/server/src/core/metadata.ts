import { credentialError } from "./credential-errors";

/** Serialized size a credential's metadata may take: metadata labels a key, it is no document store. */
export const MAX_METADATA_BYTES = 8 * 1024;
/** Nesting levels, the metadata object itself being the first. */
export const MAX_METADATA_DEPTH = 5;
const MAX_KEY_LENGTH = 64;
/**
 * Keys that mean something to JavaScript objects. Better Auth's JSON reader refuses a stored
 * value holding `__proto__` or `constructor` anywhere, so such metadata would be written and then
 * make every read of its row fail: it is refused before anything is written.
 */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Checks metadata sent by a client or by server code: a plain JSON object (or null), at most
 * `MAX_METADATA_DEPTH` levels and `MAX_METADATA_BYTES` serialized, without forbidden keys.
 * Anything else is 400 `INVALID_METADATA`, before the cap is checked or a row is written.
 */
export function checkMetadata(value: unknown): Record<string, unknown> | null {
  if (value === null) return null;
  if (!isPlainObject(value) || !isSafeJson(value, 1)) throw credentialError("INVALID_METADATA");
  if (new TextEncoder().encode(JSON.stringify(value)).length > MAX_METADATA_BYTES) {
    throw credentialError("INVALID_METADATA");
  }
  return value;
}

function isSafeJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (depth > MAX_METADATA_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isSafeJson(item, depth + 1));
  if (!isPlainObject(value)) return false;
  return Object.keys(value).every(
    (key) => key.length <= MAX_KEY_LENGTH && !FORBIDDEN_KEYS.has(key) && isSafeJson(value[key], depth + 1),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Reads stored metadata without ever throwing: forbidden keys are dropped and unreadable values
 * become null, so a row written past these checks (by plain `@better-auth/api-key`, an older
 * version or by hand) can still be listed, read, updated and revoked. Older versions of
 * `@better-auth/api-key` stored metadata encoded twice (JSON text of JSON text), which upstream
 * still reads as the object: so does this, one level deep, as upstream does.
 */
export function readStoredMetadata(stored: unknown): Record<string, unknown> | null {
  if (stored === null || stored === undefined || stored === "") return null;
  let parsed: unknown = stored;
  for (let level = 0; level < 2 && typeof parsed === "string"; level += 1) {
    try {
      parsed = JSON.parse(parsed, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
    } catch {
      return null;
    }
  }
  return isPlainObject(parsed) ? parsed : null;
}
