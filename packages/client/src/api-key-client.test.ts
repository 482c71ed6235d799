import { apiKey, bearer } from "@better-auth-tokens/server";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { createTestAuth, registerSecret } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { API_KEY_ROUTES, apiKeyClient } from "./api-key-client";
import { BEARER_ROUTES, bearerClient } from "./bearer-client";

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

    const rolled = await client.apiKey.roll({ id, gracePeriod: 60 });
    expect(rolled.data).toMatchObject({ id, name: "CI (main)" });
    expect(rolled.data!.key).not.toBe(created.data!.key);
    expect(rolled.data!.previousSecretExpiresAt).toBeInstanceOf(Date);

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

  it("hands over a name, a description and metadata that look like dates as the strings they are, and the dates as Dates", async () => {
    // Better Auth's client makes a Date of every ISO-date-looking string of an answer; the types
    // say `name: string`, and a settings page that rendered such a name failed altogether.
    const t = createTestAuth({ plugins: [apiKey(), bearer()], clientPlugins: [apiKeyClient(), bearerClient()] });
    const alice = await t.signUp();
    const client = t.client(alice);
    const iso = "2026-01-01T00:00:00Z";
    const created = await client.apiKey.create({ name: iso, description: iso, metadata: { at: iso, createdAt: iso }, expiresIn: 86_400 });
    registerSecret(created.data!.key);
    expect(created.data).toMatchObject({ name: iso, description: iso, metadata: { at: iso, createdAt: iso } });
    const [listed] = (await client.apiKey.list()).data!.apiKeys;
    expect(listed).toMatchObject({ name: iso, description: iso, metadata: { at: iso, createdAt: iso } });
    for (const date of [created.data!.createdAt, created.data!.expiresAt, listed!.createdAt, listed!.updatedAt, listed!.expiresAt]) expect(date).toBeInstanceOf(Date);
    expect((await client.apiKey.get({ query: { id: created.data!.id } })).data!.name).toBe(iso);
    const token = await client.bearer.createToken({ name: iso });
    registerSecret(token.data!.token);
    expect(token.data!.name).toBe(iso);
    expect(token.data!.createdAt).toBeInstanceOf(Date);
    const [listedToken] = (await client.bearer.listTokens()).data!.tokens;
    expect(listedToken!.name).toBe(iso);
    expect(listedToken!.createdAt).toBeInstanceOf(Date);
  });
});

describe("the client plugins read only their own routes' answers", () => {
  it("leaves another plugin's route whose path holds /api-key/ or /bearer/ to Better Auth's reading: its dates stay Dates", async () => {
    const at = new Date("2026-02-03T04:05:06.000Z");
    const usage = {
      id: "usage",
      endpoints: {
        keyUsage: createAuthEndpoint("/usage/api-key/summary", { method: "GET" }, async (ctx) => ctx.json({ at })),
        tokenUsage: createAuthEndpoint("/usage/bearer/summary", { method: "GET" }, async (ctx) => ctx.json({ at })),
      },
    } satisfies BetterAuthPlugin;
    const t = createTestAuth({ plugins: [apiKey(), bearer(), usage], clientPlugins: [apiKeyClient(), bearerClient()] });
    const client = t.client(await t.signUp());
    for (const path of ["/usage/api-key/summary", "/usage/bearer/summary"]) {
      const { data } = await client.$fetch<{ at: Date }>(path);
      expect({ path, at: data?.at }).toEqual({ path, at });
    }
  });

  it("knows every route of the server plugins a client can call, so each answer is read as ours", () => {
    const routes = (plugin: { endpoints: Record<string, unknown> }) =>
      Object.values(plugin.endpoints).flatMap((endpoint) => ((endpoint as { path?: string }).path ? [(endpoint as { path: string }).path] : [])).toSorted();
    expect([...API_KEY_ROUTES].toSorted()).toEqual(routes(apiKey({ organizationKeys: true })));
    expect([...BEARER_ROUTES].toSorted()).toEqual(routes(bearer()));
  });
});
