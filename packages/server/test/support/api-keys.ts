import { createProtectedRoute, createTestAuth, type ClientCredential, type SignedUpUser } from "@better-auth-tokens/test-utils";
import type { PublicCredential } from "../../src/core/credential-table";
import { apiKey, type ApiKeyOptions } from "../../src/api-key/index";

export type CreatedKey = PublicCredential & { key: string };

/** An instance with `apiKey(options)`, an app route that calls getSession, and small helpers. */
export function setupApiKeys(options: ApiKeyOptions = {}, extra: Parameters<typeof createTestAuth>[0] = {}) {
  const t = createTestAuth({ ...extra, plugins: [apiKey(options)] });
  const protectedRoute = createProtectedRoute(t.auth);

  async function createKey(user: SignedUpUser, body: Record<string, unknown> = { name: "test key" }) {
    const { data, error } = await t.client(user).$fetch<CreatedKey>("/api-key/create", { method: "POST", body });
    if (error || !data) throw new Error(`create failed: ${error?.status} ${error?.message}`);
    return data;
  }

  /** POSTs `body` as JSON through the handler: for tests that read the raw status and body. */
  function post(path: string, credential: ClientCredential, body: unknown) {
    return t.request(path, { method: "POST", credential, body: JSON.stringify(body) });
  }

  /** Sends `count` creates at once (named k0, k1, …), as the cap's race needs. */
  function createKeysAtOnce(user: SignedUpUser, count: number) {
    return Promise.all(Array.from({ length: count }, (_, i) => post("/api-key/create", user, { name: `k${i}` })));
  }

  /** The stored rows of `user`'s keys, whatever the answers said. */
  async function storedKeysOf(user: SignedUpUser) {
    return (await t.rows("apikey")).filter((row) => row.referenceId === user.user.id);
  }

  async function json(response: Response) {
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  return { ...t, protectedRoute, createKey, post, createKeysAtOnce, storedKeysOf, json };
}
