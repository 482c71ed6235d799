import { summarizeAdapterCalls } from "@better-auth-tokens/test-utils";
import { createTestAuth } from "@better-auth-tokens/test-utils";
import { bearer as upstreamBearer } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { apiKey } from "./index";
import { setupApiKeys } from "../../test/support/api-keys";

describe("where keys are read from", () => {
  it("accepts a key in Authorization: Bearer when it carries the prefix", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const route = await t.protectedRoute({ authorization: `Bearer ${created.key}` });
    expect(route.session?.user.id).toBe(alice.user.id);
  });

  it("leaves a Bearer session token alone: no credential lookup for it", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const before = t.adapterCalls.length;
    await t.protectedRoute({ authorization: `Bearer ${alice.sessionToken}` });
    expect(t.adapterCalls.slice(before).filter((call) => call.model === "apikey")).toEqual([]);
  });

  it("rejects a wrong checksum before any database read", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const tampered = `ba_${"A".repeat(32)}${created.key.slice(-6)}`;
    const before = t.adapterCalls.length;
    expect((await t.protectedRoute({ "x-api-key": tampered })).status).toBe(401);
    expect(summarizeAdapterCalls(t.adapterCalls.slice(before))).toMatchObject({ reads: 0, writes: 0 });
  });

  it("fails closed: a bad key beside a valid session cookie yields no session", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const cookie = alice.headers.get("cookie")!;
    expect((await t.protectedRoute({ cookie })).status).toBe(200);
    expect((await t.protectedRoute({ cookie, "x-api-key": "ba_not-a-key" })).status).toBe(401);
  });

  it.each([
    ["empty", ""],
    ["whitespace", "   "],
    ["garbage", "%%%<script>"],
    ["overlong (64 KB)", `ba_${"a".repeat(64 * 1024)}`],
    ["non-ASCII", "ba_clé-privée-ÿ"],
    ["prefix only", "ba_"],
  ])("answers a %s X-API-Key with no session and no 5xx", async (_label, value) => {
    const t = setupApiKeys();
    const session = await t.request("/get-session", { headers: { "x-api-key": value } });
    expect(session.status).toBe(200);
    expect(await session.json()).toBeNull();
    const list = await t.request("/api-key/list", { headers: { "x-api-key": value } });
    expect(list.status).toBeGreaterThanOrEqual(400);
    expect(list.status).toBeLessThan(500);
  });

  it("refuses better-auth's own bearer() beside ours at startup, since it would sign keys into the cookie", async () => {
    const t = createTestAuth({ plugins: [upstreamBearer(), apiKey()] });
    await expect(t.auth.$context).rejects.toThrow(/use bearer\(\) from "@better-auth-tokens\/server"/);
  });
});
