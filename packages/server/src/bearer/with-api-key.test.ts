import { createProtectedRoute, createTestAuth, summarizeAdapterCalls } from "@better-auth-tokens/test-utils";
import { bearer as upstreamBearer } from "better-auth/plugins/bearer";
import { describe, expect, it } from "vitest";
import { apiKey } from "../api-key";
import { bearer } from "./index";

interface Created {
  id: string;
}

async function setup() {
  const t = createTestAuth({ plugins: [apiKey({ maxKeysPerUser: 2 }), bearer({ maxTokensPerUser: 2 })] });
  const alice = await t.signUp();
  const client = t.client(alice);
  const createKey = (name: string) =>
    client.$fetch<Created & { key: string }>("/api-key/create", { method: "POST", body: { name } });
  const createToken = (name: string) =>
    client.$fetch<Created & { token: string }>("/bearer/create-token", { method: "POST", body: { name } });
  return { ...t, alice, client, createKey, createToken, protectedRoute: createProtectedRoute(t.auth) };
}

describe("bearer() beside apiKey()", () => {
  it("installs side by side with the default prefixes, which do not overlap either way", async () => {
    const [key, token] = [apiKey().options.credentialPrefix, bearer().options.credentialPrefix];
    expect(key.startsWith(token) || token.startsWith(key)).toBe(false);
    await expect(createTestAuth({ plugins: [apiKey(), bearer()] }).auth.$context).resolves.toBeDefined();
  });

  it("counts each cap on its own kind: full API keys do not block tokens, and back", async () => {
    const t = await setup();
    expect((await t.createKey("k1")).error).toBeNull();
    expect((await t.createKey("k2")).error).toBeNull();
    expect((await t.createKey("k3")).error).toMatchObject({ status: 403, code: "MAX_KEYS_REACHED" });

    expect((await t.createToken("t1")).error).toBeNull();
    expect((await t.createToken("t2")).error).toBeNull();
    expect((await t.createToken("t3")).error).toMatchObject({ status: 403, code: "MAX_TOKENS_REACHED" });

    expect((await t.client.$fetch<{ apiKeys: unknown[] }>("/api-key/list")).data?.apiKeys).toHaveLength(2);
    expect((await t.client.$fetch<{ tokens: unknown[] }>("/bearer/list-tokens")).data?.tokens).toHaveLength(2);
  });

  it("cannot revoke the other kind's credential through its own endpoint (404), and both keep working", async () => {
    const t = await setup();
    const { data: key } = await t.createKey("k");
    const { data: token } = await t.createToken("t");

    const viaBearer = await t.client.$fetch("/bearer/revoke-token", { method: "POST", body: { id: key!.id } });
    expect(viaBearer.error).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const viaApiKey = await t.client.$fetch("/api-key/revoke", { method: "POST", body: { id: token!.id } });
    expect(viaApiKey.error).toMatchObject({ status: 404, code: "NOT_FOUND" });

    expect((await t.protectedRoute({ "x-api-key": key!.key })).status).toBe(200);
    expect((await t.protectedRoute({ authorization: `Bearer ${token!.token}` })).status).toBe(200);
  });

  it("routes each Bearer value to its own kind: API key, personal token and session token, no cross reads", async () => {
    const t = await setup();
    const { data: key } = await t.createKey("k");
    const { data: token } = await t.createToken("t");
    const cases = [
      { bearer: key!.key, authMethod: "api-key", notRead: "session" },
      { bearer: token!.token, authMethod: "personal-token", notRead: "session" },
      { bearer: t.alice.sessionToken, authMethod: undefined, notRead: "apikey" },
    ];
    for (const { bearer: value, authMethod, notRead } of cases) {
      const mark = t.adapterCalls.length;
      const { session } = await t.protectedRoute({ authorization: `Bearer ${value}` });
      expect(session?.user.id).toBe(t.alice.user.id);
      expect(session?.session.authMethod).toBe(authMethod);
      const reads = summarizeAdapterCalls(t.adapterCalls.slice(mark)).calls.filter((c) => c.method.startsWith("find"));
      expect(reads.map((call) => call.model)).not.toContain(notRead);
    }
  });

  it("keeps a bad API key in Authorization: Bearer away from upstream's cookie signing too", async () => {
    const t = await setup();
    const mark = t.adapterCalls.length;
    const headers = { cookie: t.alice.headers.get("cookie")!, authorization: "Bearer ba_not-a-key" };
    expect((await t.protectedRoute(headers)).status).toBe(401);
    const reads = summarizeAdapterCalls(t.adapterCalls.slice(mark)).calls.filter((c) => c.method.startsWith("find"));
    expect(reads.map((call) => call.model)).not.toContain("session");
  });

  it("refuses overlapping prefixes at startup", async () => {
    const t = createTestAuth({ plugins: [apiKey({ prefix: "tok_" }), bearer({ tokenPrefix: "tok_" })] });
    await expect(t.auth.$context).rejects.toThrow(/prefix "tok_" .* overlap/);
  });

  it("refuses better-auth's own bearer() beside ours, but recognises ours (same id) as ours", async () => {
    const foreign = createTestAuth({ plugins: [apiKey(), upstreamBearer()] });
    await expect(foreign.auth.$context).rejects.toThrow(/instead of better-auth's own bearer\(\)/);
    const ours = createTestAuth({ plugins: [apiKey(), bearer()] });
    await expect(ours.auth.$context).resolves.toBeDefined();
  });
});
