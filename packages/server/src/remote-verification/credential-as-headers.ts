import type { CredentialKind } from "../core/credential-runtime";
import type { HeaderSource } from "../core/read-credential";

/**
 * A credential handed over in a body, read as its caller could have sent it, in the order to try:
 * a personal token (by `bearer()`'s prefix) as `Authorization: Bearer` only; anything else first
 * in whichever header `apiKey()` reads its keys from (`X-API-Key`, the app's `apiKeyHeaders`, or
 * what its `customAPIKeyGetter` reads), legacy keys included, then as `Authorization: Bearer`, for
 * a getter that reads it there. Not both at once: a getter's value that is also the Bearer value
 * is judged as a Bearer value, which would refuse a legacy key the getter's own header may carry.
 * Each kind still takes only what it would take on a request.
 */
export function credentialAsHeaders(credential: string, kinds: CredentialKind[]): HeaderSource[] {
  const value = credential.trim();
  if (!value) return [{ get: () => null }];
  const asBearer: HeaderSource = { get: (name) => (name.toLowerCase() === "authorization" ? `Bearer ${value}` : null) };
  if (kinds.some((kind) => kind.authMethod === "personal-token" && value.startsWith(kind.format.prefix))) return [asBearer];
  const asApiKeyHeader: HeaderSource = { get: (name) => (name.toLowerCase() === "authorization" ? null : value) };
  return [asApiKeyHeader, asBearer];
}
