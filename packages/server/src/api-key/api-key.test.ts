import { createProtectedRoute, createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import type { PublicCredential } from "../core/credential-table";
import { apiKey } from "./index";

type Created = PublicCredential & { key: string };

function setup(options: Parameters<typeof apiKey>[0] = {}) {
  const t = createTestAuth({ plugins: [apiKey(options)] });
  return { ...t, protectedRoute: createProtectedRoute(t.auth) };
}

describe("apiKey(): seed 002 end to end", () => {
  it("creates a key, uses it via X-API-Key on a getSession route, lists it and revokes it", async () => {
    const t = setup({ defaultPermissions: ["read"], allowedPermissions: ["read", "write"] });
    const alice = await t.signUp();
    const client = t.client(alice);

    const { data: created, error } = await client.$fetch<Created>("/api-key/create", {
      method: "POST",
      body: { name: "Production API", expiresIn: 60 * 60 * 24 * 365, permissions: ["read", "write"] },
    });
    expect(error).toBeNull();
    expect(created?.key).toMatch(/^ba_[0-9A-Za-z]{38}$/);
    expect(created?.permissions).toEqual({ scopes: ["read", "write"] });

    const used = await t.protectedRoute({ "X-API-Key": created!.key });
    expect(used.status).toBe(200);
    expect(used.session?.user.id).toBe(alice.user.id);
    expect(JSON.stringify(used.session)).not.toContain(created!.key);

    const { data: keys } = await client.$fetch<PublicCredential[]>("/api-key/list");
    expect(keys?.map((key) => key.id)).toEqual([created!.id]);
    expect(keys?.[0]).not.toHaveProperty("key");

    const { data: revoked } = await client.$fetch("/api-key/revoke", { method: "POST", body: { id: created!.id } });
    expect(revoked).toEqual({ id: created!.id, revoked: true });
    expect((await t.protectedRoute({ "X-API-Key": created!.key })).status).toBe(401);
  });
});
