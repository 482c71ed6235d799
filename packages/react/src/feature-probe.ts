import type { TokensAuthClient } from "./types";

const probes = new WeakMap<object, Map<string, Promise<boolean>>>();

/**
 * Whether the server has the endpoint at `path`. Better Auth's client answers every property
 * with a callable proxy, so a method's presence says nothing; an empty POST does: a missing
 * endpoint answers 404, a present one refuses the empty body (400) or the caller (401/403).
 * Asked once per client and path.
 */
export function serverHasEndpoint(client: TokensAuthClient, path: string): Promise<boolean> {
  const $fetch = client.$fetch;
  if (!$fetch) return Promise.resolve(false);
  let known = probes.get(client);
  if (!known) probes.set(client, (known = new Map()));
  let probe = known.get(path);
  if (!probe) {
    probe = $fetch(path, { method: "POST", body: {}, throw: false }).then(
      (result: { error?: { status?: number } | null }) => result?.error?.status !== 404,
      () => false,
    );
    known.set(path, probe);
  }
  return probe;
}
