import type { ClientError } from "./types";

/**
 * What a call that threw becomes. The hooks call with `throw: false`, so every answer the server
 * gave arrives as `{ data, error }`; a throw means no answer came (offline, DNS, CORS, a reset
 * connection), which gets the stable code `NETWORK_ERROR` instead of the fetch's own words.
 */
export function thrownError(thrown: unknown): ClientError {
  return { code: "NETWORK_ERROR", message: thrown instanceof Error ? thrown.message : String(thrown) };
}
