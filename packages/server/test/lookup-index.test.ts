import type { TestStorage } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { setupApiKeys } from "./support/api-keys";
import { setupBearer } from "./support/bearer";

/**
 * A cache miss, a forged key and a revoke by value each look a credential up by its hash. On a
 * large table that lookup must search the hash's index: SQLite, which plans without table sizes
 * until ANALYZE, once chose the index on `configId` (the same value in nearly every row) and read
 * every key of the configuration instead. The plan is asserted, not a timing: this is the plan a
 * table of any size gets.
 */
async function lookupPlan(storage: TestStorage, table: string) {
  const lookup = storage
    .sqlite!.recentStatements()
    .findLast((statement) => statement.sql.includes(`from "${table}"`) && statement.sql.includes(`"${table}"."key" = ?`));
  if (!lookup) throw new Error(`no lookup by hash on ${table} was run`);
  return (await storage.sqlite!.queryPlan(lookup.sql, lookup.parameters)).join("\n");
}

describe("a lookup by hash on SQLite", () => {
  it("searches the index of the API key's hash, not of its configuration", async () => {
    const t = setupApiKeys({ cache: false }, { adapter: "sqlite" });
    const alice = await t.signUp();
    const { key } = await t.createKey(alice);
    expect((await t.protectedRoute({ "x-api-key": key })).status).toBe(200);

    const plan = await lookupPlan(t.storage, "apikey");
    expect(plan).toMatch(/apikey_key_idx/);
    expect(plan).not.toMatch(/configId/);
  });

  it("searches the index of the personal token's hash, not of its configuration", async () => {
    const t = setupBearer({ cache: false }, { adapter: "sqlite" });
    const alice = await t.signUp();
    const { token } = await t.createToken(alice);
    expect((await t.protectedRoute({ authorization: `Bearer ${token}` })).status).toBe(200);

    // Personal tokens live in the same table as API keys, under a configuration of their own.
    const plan = await lookupPlan(t.storage, "apikey");
    expect(plan).toMatch(/apikey_key_idx/);
    expect(plan).not.toMatch(/configId/);
  });
});
