import { createProtectedRoute, createTestAuth, type SignedUpUser } from "@better-auth-tokens/test-utils";
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

  async function json(response: Response) {
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  return { ...t, protectedRoute, createKey, json };
}
