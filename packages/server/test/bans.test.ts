import { createProtectedRoute, createTestAuth } from "@better-auth-tokens/test-utils";
import type { BetterAuthPlugin } from "better-auth";
import { admin } from "better-auth/plugins";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiKey } from "../src/api-key";
import { bearer } from "../src/bearer";
import type { VerifyApiKeyResult } from "../src/api-key/routes/verify-api-key";
import { createVerifier, requireCredential, withCredential } from "../src/verifier";
import { createToken } from "./support/bearer";

afterEach(() => vi.useRealTimers());

const ORDERS: [string, () => BetterAuthPlugin[]][] = [
  ["admin() first", () => [admin(), apiKey(), bearer()]],
  ["admin() last", () => [apiKey(), bearer(), admin()]],
];

async function setup(plugins: BetterAuthPlugin[]) {
  const t = createTestAuth({ plugins });
  const moderator = await t.signUp();
  const context = await t.auth.$context;
  await context.internalAdapter.updateUser(moderator.user.id, { role: "admin" });
  const alice = await t.signUp();
  const key = await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "ci" } });
  const token = await createToken(t, alice, { name: "cli" });
  const verifier = createVerifier(t.auth);
  const app = new Hono();
  app.use("/api/*", requireCredential(verifier));
  app.get("/api/me", (c) => c.text("ok"));
  app.get("/one-handler", withCredential(verifier, (c) => c.text("ok")));
  const route = createProtectedRoute(t.auth);

  /** Every path a credential can take, each answering with its status. */
  async function everyPath() {
    const apiKeyHeader = { "x-api-key": key.data!.key };
    const bearerHeader = { authorization: `Bearer ${token.token}` };
    // The plugin list is typed loosely to run in two orders, so the endpoint is typed here.
    const api = t.auth.api as unknown as { verifyApiKey: (input: { body: { key: string } }) => Promise<VerifyApiKeyResult> };
    const verified = await api.verifyApiKey({ body: { key: key.data!.key } });
    return {
      sessionWithKey: (await route(apiKeyHeader)).status,
      sessionWithToken: (await route(bearerHeader)).status,
      verifierWithKey: ((await verifier.authenticate(apiKeyHeader)) as { status?: number }).status ?? 200,
      verifierWithToken: ((await verifier.authenticate(bearerHeader)) as { status?: number }).status ?? 200,
      middleware: (await app.request("/api/me", { headers: bearerHeader })).status,
      handler: (await app.request("/one-handler", { headers: apiKeyHeader })).status,
      verifyApiKey: verified.valid ? "valid" : verified.error.code,
    };
  }
  const ban = (body: Record<string, unknown>) =>
    t.client(moderator).$fetch("/admin/ban-user", { method: "POST", body: { userId: alice.user.id, ...body } });
  return { t, alice, verifier, everyPath, ban, key: key.data!.key };
}

const ALLOWED = {
  sessionWithKey: 200,
  sessionWithToken: 200,
  verifierWithKey: 200,
  verifierWithToken: 200,
  middleware: 200,
  handler: 200,
  verifyApiKey: "valid",
};
const REFUSED = {
  sessionWithKey: 401,
  sessionWithToken: 401,
  verifierWithKey: 401,
  verifierWithToken: 401,
  middleware: 401,
  handler: 401,
  verifyApiKey: "USER_BANNED",
};

describe.each(ORDERS)("a user banned by admin() (%s)", (_, plugins) => {
  it("is refused on the very next request through every path, even with warm caches", async () => {
    const s = await setup(plugins());
    expect(await s.everyPath()).toEqual(ALLOWED);
    expect((await s.ban({ banReason: "abuse" })).error).toBeNull();
    expect(await s.everyPath()).toEqual(REFUSED);
    const refused = await s.verifier.authenticate({ "x-api-key": s.key });
    expect(refused).toMatchObject({
      code: "USER_BANNED",
      headers: { "WWW-Authenticate": expect.stringContaining('error="invalid_token"') },
    });
    const hook = await s.t.request("/list-sessions", { headers: { "x-api-key": s.key } });
    expect(hook.status).toBe(401);
    expect(await hook.json()).toMatchObject({ code: "USER_BANNED" });
  });

  it("lets the credentials work again once a timed ban expires", async () => {
    const s = await setup(plugins());
    expect((await s.ban({ banExpiresIn: 60 })).error).toBeNull();
    expect(await s.everyPath()).toEqual(REFUSED);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    expect(await s.everyPath()).toEqual(ALLOWED);
  });

  it("works again at once when unbanned", async () => {
    const s = await setup(plugins());
    await s.ban({});
    expect(await s.everyPath()).toEqual(REFUSED);
    const context = await s.t.auth.$context;
    await context.internalAdapter.updateUser(s.alice.user.id, { banned: false, banExpires: null });
    expect(await s.everyPath()).toEqual(ALLOWED);
  });
});
