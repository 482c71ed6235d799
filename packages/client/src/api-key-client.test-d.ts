import { apiKey } from "@better-auth-tokens/server";
import { createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expectTypeOf, it } from "vitest";
import { apiKeyClient } from "./api-key-client";

// Type tests are compiled, never run: the instance only exists to infer the client's type.
const client = createTestAuth({ plugins: [apiKey()], clientPlugins: [apiKeyClient()] }).client();

describe("apiKeyClient() types", () => {
  it("types data.key as a string after create", async () => {
    const { data } = await client.apiKey.create({ name: "CI" });
    expectTypeOf(data!.key).toEqualTypeOf<string>();
  });
  it("gives list items no key, and lastUsedAt as a date or null", async () => {
    const { data } = await client.apiKey.list();
    const item = data!.apiKeys[0]!;
    expectTypeOf(item).not.toHaveProperty("key");
    expectTypeOf(data!.total).toEqualTypeOf<number>();
    expectTypeOf(item.lastUsedAt).toEqualTypeOf<Date | null>();
    expectTypeOf(item.lastUsedIp).toEqualTypeOf<string | null>();
    expectTypeOf(item.lastUsedUserAgent).toEqualTypeOf<string | null>();
  });
  it("requires a name on create", () => {
    // @ts-expect-error: name is required
    void client.apiKey.create({});
  });
  it("takes organizationId on create and in list's query, and shows createdBy", async () => {
    const { data } = await client.apiKey.create({ organizationId: "org_1", name: "Deploys", expiresIn: 3600 });
    expectTypeOf(data!.createdBy).toEqualTypeOf<string | null>();
    const { data: listed } = await client.apiKey.list({ query: { organizationId: "org_1" } });
    expectTypeOf(listed!.apiKeys[0]!.createdBy).toEqualTypeOf<string | null>();
    // @ts-expect-error: organizationId is a string
    void client.apiKey.list({ query: { organizationId: 1 } });
  });
  it("takes a usage quota and the server-only rate-limit fields on create and update, and shows the quota", async () => {
    const { data } = await client.apiKey.create({ name: "Metered", remaining: 100, refillAmount: 100, refillInterval: 86_400_000 });
    expectTypeOf(data!.remaining).toEqualTypeOf<number | null>();
    expectTypeOf(data!.refillAmount).toEqualTypeOf<number | null>();
    expectTypeOf(data!.refillInterval).toEqualTypeOf<number | null>();
    expectTypeOf(data!.lastRefillAt).toEqualTypeOf<Date | null>();
    // Typed for server-side calls; a signed-in user sending them gets 403 RATE_LIMIT_NOT_ALLOWED.
    void client.apiKey.create({ name: "Limited", rateLimitEnabled: true, rateLimitTimeWindow: 60_000, rateLimitMax: 10 });
    const { data: updated } = await client.apiKey.update({ id: "x", remaining: null });
    expectTypeOf(updated!.remaining).toEqualTypeOf<number | null>();
    const { data: listed } = await client.apiKey.list();
    expectTypeOf(listed!.apiKeys[0]!.lastRefillAt).toEqualTypeOf<Date | null>();
    // @ts-expect-error: remaining is a number or null
    void client.apiKey.create({ name: "k", remaining: "100" });
    // @ts-expect-error: rateLimitMax is a number, never null
    void client.apiKey.update({ id: "x", rateLimitMax: null });
  });
  it("takes an IP allowlist on create and update, and shows it", async () => {
    const { data } = await client.apiKey.create({ name: "CI", allowedIps: ["203.0.113.7", "10.0.0.0/8"] });
    expectTypeOf(data!.allowedIps).toEqualTypeOf<string[] | null>();
    const { data: updated } = await client.apiKey.update({ id: "x", allowedIps: null });
    expectTypeOf(updated!.allowedIps).toEqualTypeOf<string[] | null>();
    const { data: listed } = await client.apiKey.list();
    expectTypeOf(listed!.apiKeys[0]!.allowedIps).toEqualTypeOf<string[] | null>();
    // @ts-expect-error: a list of addresses, never one string
    void client.apiKey.create({ name: "k", allowedIps: "203.0.113.7" });
  });
  it("types roll: id required, gracePeriod optional, the new key and when the previous one stops", async () => {
    const { data } = await client.apiKey.roll({ id: "x", gracePeriod: 3600 });
    expectTypeOf(data!.key).toEqualTypeOf<string>();
    expectTypeOf(data!.previousSecretExpiresAt).toEqualTypeOf<Date | null>();
    void client.apiKey.roll({ id: "x" });
    // @ts-expect-error: id is required
    void client.apiKey.roll({ gracePeriod: 0 });
    // @ts-expect-error: gracePeriod is a number of seconds
    void client.apiKey.roll({ id: "x", gracePeriod: "1h" });
    const { data: listed } = await client.apiKey.list();
    expectTypeOf(listed!.apiKeys[0]!.previousSecretExpiresAt).toEqualTypeOf<Date | null>();
  });
  it("puts the status on the error branch", async () => {
    const { error } = await client.apiKey.revoke({ id: "x" });
    expectTypeOf(error!.status).toEqualTypeOf<number>();
  });
});
