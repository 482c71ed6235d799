import { apiKey as upstreamApiKey } from "@better-auth/api-key";
import { createTestAuth, summarizeAdapterCalls } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "./test-setup";

describe("keys move between @better-auth/api-key and apiKey()", () => {
  it("verifies a key we created through upstream's verifyApiKey (default hashing)", async () => {
    const ours = setupApiKeys();
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey()] });
    const alice = await ours.signUp();
    const created = await ours.createKey(alice);

    const result = await upstream.auth.api.verifyApiKey({ body: { key: created.key } });
    expect(result.valid).toBe(true);
    expect(result.key?.id).toBe(created.id);
  });

  it("verifies a key plain upstream created when acceptLegacyKeys is on", async () => {
    const ours = setupApiKeys({ acceptLegacyKeys: true });
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey()] });
    const alice = await ours.signUp();
    const legacy = await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "legacy" } });

    const session = await ours.protectedRoute({ "x-api-key": legacy.key });
    expect(session.status).toBe(200);
    expect(session.session?.user.id).toBe(alice.user.id);
  });

  it("rejects a legacy key before any database read when acceptLegacyKeys is off", async () => {
    const ours = setupApiKeys();
    const upstream = createTestAuth({ shareStorageWith: ours, plugins: [upstreamApiKey()] });
    const alice = await ours.signUp();
    const legacy = await upstream.auth.api.createApiKey({ body: { userId: alice.user.id, name: "legacy" } });

    const before = ours.adapterCalls.length;
    expect((await ours.protectedRoute({ "x-api-key": legacy.key })).status).toBe(401);
    expect(summarizeAdapterCalls(ours.adapterCalls.slice(before))).toMatchObject({ reads: 0, writes: 0 });
  });
});
