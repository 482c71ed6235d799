import { createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey } from "../src/api-key";
import { createVerifier } from "../src/verifier";

async function setup() {
  const t = createTestAuth({ plugins: [apiKey({ defaultPermissions: ["read"], allowedPermissions: ["read", "write"] })] });
  const alice = await t.signUp({ name: "Alice" });
  const { data } = await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "ci" } });
  return { t, key: data!.key, verifier: createVerifier(t.auth) };
}

describe("what one request is handed cannot change what the next one sees", () => {
  it("createVerifier: pushing to permissions grants nothing, renaming the user renames nobody", async () => {
    const { key, verifier } = await setup();
    const first = await verifier.verify({ "x-api-key": key });
    first!.permissions.scopes!.push("write");
    first!.key.permissions.scopes!.push("admin");
    first!.user.name = "Mallory";
    first!.key.expiresAt?.setTime(0);

    const next = await verifier.authenticate({ "x-api-key": key }, { permissions: ["write"] });
    expect(next).toMatchObject({ ok: false, status: 403, code: "INSUFFICIENT_PERMISSIONS" });
    const again = await verifier.verify({ "x-api-key": key });
    expect(again).toMatchObject({ user: { name: "Alice" }, permissions: { scopes: ["read"] }, key: { permissions: { scopes: ["read"] } } });
  });

  it("getSession: a caller's change to the user or session is not kept for the next request", async () => {
    const { t, key } = await setup();
    const first = await t.auth.api.getSession({ headers: new Headers({ "x-api-key": key }) });
    first!.user.name = "Mallory";
    first!.session.userId = "someone-else";
    const next = await t.auth.api.getSession({ headers: new Headers({ "x-api-key": key }) });
    expect(next!.user.name).toBe("Alice");
    expect(next!.session.userId).toBe(next!.user.id);
  });

  it("verifyApiKey: the returned key's permissions are a copy", async () => {
    const { t, key } = await setup();
    const first = await t.auth.api.verifyApiKey({ body: { key } });
    first.key!.permissions.scopes!.push("write");
    const next = await t.auth.api.verifyApiKey({ body: { key, permissions: ["write"] } });
    expect(next).toMatchObject({ valid: false, error: { code: "INSUFFICIENT_PERMISSIONS" } });
  });
});
