import type { CredentialKind } from "../core/credential-runtime";
import type { HeaderSource } from "../core/read-credential";

/**
 * A credential handed over in a body, read as its caller would have sent it: a personal token
 * (by `bearer()`'s prefix) as `Authorization: Bearer`; anything else in whichever header
 * `apiKey()` reads its keys from (`X-API-Key`, the app's `apiKeyHeaders`, or what its
 * `customAPIKeyGetter` reads), legacy keys included, and as `Authorization: Bearer` too, for a
 * getter that reads it there. Each kind still takes only what it would take on a request.
 */
export function credentialAsHeaders(credential: string, kinds: CredentialKind[]): HeaderSource {
  const value = credential.trim();
  const personalToken = kinds.some((kind) => kind.authMethod === "personal-token" && value.startsWith(kind.format.prefix));
  return {
    get(name: string) {
      if (!value) return null;
      if (name.toLowerCase() === "authorization") return `Bearer ${value}`;
      return personalToken ? null : value;
    },
  };
}
