import type { HeaderSource } from "../core/read-credential";

/** Node's `IncomingMessage.headers`: lower-case names, repeated headers as arrays or joined. */
export type NodeHeaders = Record<string, string | string[] | undefined>;

/**
 * Reads Node's header object the way `Headers.get` reads its own: by lower-case name, a
 * repeated header joined with ", ", null when absent. Nothing is copied, so a request costs
 * the reads the verifier makes and no more.
 */
export function nodeHeaderSource(headers: NodeHeaders): HeaderSource {
  return {
    get(name: string) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
