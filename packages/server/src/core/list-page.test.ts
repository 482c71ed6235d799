import { describe, expect, it } from "vitest";
import { createTestAuth } from "@better-auth-tokens/test-utils";
import { apiKey } from "../api-key/index";
import { bearer } from "../bearer/index";

const t = createTestAuth({ plugins: [apiKey({ maxKeysPerUser: 20 }), bearer({ maxTokensPerUser: 20 })] });

type Page = { total: number; limit: number | null; offset: number } & Record<"apiKeys" | "tokens", { name: string }[]>;

describe("list pages", () => {
  it("pages an owner's keys in the order asked, with the total, and no one else's", async () => {
    const alice = await t.signUp();
    const bob = await t.signUp();
    const client = t.client(alice);
    const create = (user: typeof alice, name: string) => t.client(user).$fetch("/api-key/create", { method: "POST", body: { name } });
    for (const name of ["delta", "alpha", "echo", "charlie", "bravo"]) expect((await create(alice, name)).error).toBeNull();
    expect((await create(bob, "bob's")).error).toBeNull();

    const names = async (query?: Record<string, string | number>) => {
      const { data, error } = await client.$fetch<Page>("/api-key/list", { query });
      expect(error).toBeNull();
      return { names: data!.apiKeys.map((key) => key.name), total: data!.total, limit: data!.limit, offset: data!.offset };
    };
    const byName = { sortBy: "name", sortDirection: "asc" };
    expect(await names({ ...byName, limit: 2 })).toEqual({ names: ["alpha", "bravo"], total: 5, limit: 2, offset: 0 });
    expect(await names({ ...byName, limit: 2, offset: 2 })).toEqual({ names: ["charlie", "delta"], total: 5, limit: 2, offset: 2 });
    expect(await names({ ...byName, limit: 2, offset: 4 })).toEqual({ names: ["echo"], total: 5, limit: 2, offset: 4 });
    expect(await names({ ...byName, offset: 10 })).toEqual({ names: [], total: 5, limit: null, offset: 10 });
    // Without a query: every key, newest first.
    expect((await names()).names).toEqual(["bravo", "charlie", "echo", "alpha", "delta"]);
  });

  it("pages personal tokens the same way", async () => {
    const alice = await t.signUp();
    const client = t.client(alice);
    for (const name of ["one", "two", "three"]) {
      expect((await client.$fetch("/bearer/create-token", { method: "POST", body: { name } })).error).toBeNull();
    }
    const query = { limit: 1, offset: 1, sortBy: "createdAt", sortDirection: "asc" };
    const { data } = await client.$fetch<Page>("/bearer/list-tokens", { query });
    expect(data).toMatchObject({ tokens: [{ name: "two" }], total: 3, limit: 1, offset: 1 });
  });

  it.each([
    ["limit=0", "a zero limit"],
    ["limit=101", "a page larger than 100"],
    ["limit=2.5", "a fraction"],
    ["offset=-1", "a negative offset"],
    ["offset=abc", "text"],
    ["sortBy=key", "a column that is not offered"],
    ["sortDirection=up", "an unknown direction"],
  ])("answers 400, not 500, to %s (%s)", async (query) => {
    const alice = await t.signUp();
    for (const path of ["/api-key/list", "/bearer/list-tokens"]) {
      const response = await t.request(`${path}?${query}`, { credential: alice });
      expect(response.status).toBe(400);
    }
  });
});
