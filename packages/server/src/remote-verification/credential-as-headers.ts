import type { CredentialKind } from "../core/credential-runtime";
import type { HeaderSource } from "../core/read-credential";

/**
 * A credential handed over in a body, read as its caller would have sent it: a personal token
 * (by `bearer()`'s prefix) as `Authorization: Bearer`, anything else in `X-API-Key`, where
 * `apiKey()` takes its keys, legacy ones included. Each kind still takes only what it would take
 * on a request.
 */
export function credentialAsHeaders(credential: string, kinds: CredentialKind[]): HeaderSource {
  const value = credential.trim();
  const personalToken = kinds.some((kind) => kind.authMethod === "personal-token" && value.startsWith(kind.format.prefix));
  const header = personalToken ? "authorization" : "x-api-key";
  const sent = personalToken ? `Bearer ${value}` : value;
  return {
    get(name: string) {
      return value && name.toLowerCase() === header ? sent : null;
    },
  };
}
