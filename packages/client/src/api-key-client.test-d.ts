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
  it("puts the status on the error branch", async () => {
    const { error } = await client.apiKey.revoke({ id: "x" });
    expectTypeOf(error!.status).toEqualTypeOf<number>();
  });
});
