import { resolveHasher, type HashCredential } from "../core/hashing";

/** Shorter service tokens are refused at startup: the endpoint is a credential oracle for whoever holds one. */
export const MIN_SERVICE_TOKEN_LENGTH = 32;

/**
 * The configured services, by the hash of their token: the tokens themselves are dropped once
 * hashed, so they stay out of memory dumps of the running process, as keys do.
 */
export interface ServiceTokens {
  /** The service a presented token belongs to, or null. */
  serviceFor(token: string): string | null | Promise<string | null>;
}

export function resolveServiceTokens(services: Record<string, string> | undefined): ServiceTokens {
  if (!services || typeof services !== "object" || Object.keys(services).length === 0) {
    throw new TypeError('"services" must name at least one service: { name: token }');
  }
  const entries = Object.entries(services);
  for (const [name, token] of entries) {
    if (typeof token !== "string" || token.length < MIN_SERVICE_TOKEN_LENGTH) {
      throw new TypeError(`"services.${name}" must be a token of at least ${MIN_SERVICE_TOKEN_LENGTH} characters`);
    }
    if (/\s/.test(token)) throw new TypeError(`"services.${name}" must not contain white space`);
  }
  if (new Set(entries.map(([, token]) => token)).size !== entries.length) {
    throw new TypeError('"services" must give each service its own token');
  }
  const hash: HashCredential = resolveHasher("sha256", "services");
  const byHash = Promise.all(entries.map(async ([name, token]) => [await hash(token), name] as const)).then((pairs) => new Map(pairs));
  let ready: Map<string, string> | undefined;
  void byHash.then((map) => (ready = map));
  const find = (map: Map<string, string>, digest: string) => map.get(digest) ?? null;
  return {
    serviceFor(token) {
      const digest = hash(token);
      if (ready && typeof digest === "string") return find(ready, digest);
      return Promise.all([byHash, digest]).then(([map, value]) => find(map, value));
    },
  };
}
