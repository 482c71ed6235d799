import { apiKey } from "@better-auth-tokens/server";
import { createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKeyClient } from "./api-key-client";

describe("apiKeyClient() through the real client", () => {
  it("creates, gets, updates, lists and revokes the signed-in user's keys", async () => {
    const t = createTestAuth({ plugins: [apiKey()], clientPlugins: [apiKeyClient()] });
    const alice = await t.signUp();
    const client = t.client(alice);

    const created = await client.apiKey.create({ name: "CI", description: "deploys" });
    expect(created.error).toBeNull();
    const id = created.data!.id;
    expect(created.data!.key.startsWith("ba_")).toBe(true);

    const fetched = await client.apiKey.get({ query: { id } });
    expect(fetched.data).toMatchObject({ id, name: "CI", description: "deploys", enabled: true });
    expect(fetched.data).not.toHaveProperty("key");

    const updated = await client.apiKey.update({ id, name: "CI (main)", enabled: false });
    expect(updated.data).toMatchObject({ id, name: "CI (main)", enabled: false });

    const listed = await client.apiKey.list();
    expect(listed.data?.apiKeys.map((key) => key.name)).toEqual(["CI (main)"]);

    const revoked = await client.apiKey.revoke({ id });
    expect(revoked.data).toEqual({ id, revoked: true });
    expect((await client.apiKey.list()).data).toEqual({ apiKeys: [], total: 0, limit: null, offset: 0 });
  });

  it("returns { data: null, error } with a stable code instead of throwing", async () => {
    const t = createTestAuth({ plugins: [apiKey()], clientPlugins: [apiKeyClient()] });
    const { data, error } = await t.client().apiKey.list();
    expect(data).toBeNull();
    expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });
});
