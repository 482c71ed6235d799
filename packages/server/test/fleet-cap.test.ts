import { summarizeAdapterCalls, testAdapterName } from "@better-auth-tokens/test-utils";
import type { BetterAuthPlugin } from "better-auth";
import { organization } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { apiKey } from "../src/index";
import { createFleet, type FleetInstance } from "./support/fleet";

const adapter = testAdapterName();
/** Databases whose adapter here runs real transactions that lock the owner's row (see storage.ts). */
const locksRows = adapter === "postgres" || adapter === "mysql";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function create(t: FleetInstance, user: Awaited<ReturnType<FleetInstance["signUp"]>>, name: string) {
  return t.request("/api-key/create", { method: "POST", credential: user, body: JSON.stringify({ name }) });
}

describe(`caps across instances sharing one database [${adapter}]`, () => {
  it.runIf(locksRows)("leaves exactly 10 rows after 60 parallel creates for one user over 3 instances, cap 10", async () => {
    const fleet = createFleet(3, () => [apiKey({ maxKeysPerUser: 10 })]);
    const alice = await fleet[0]!.signUp();
    // A network's worth of delay between counting and inserting, where the race lives.
    for (const t of fleet) t.faults.afterCall = (call) => (call.method === "count" ? sleep(10) : undefined);
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => create(fleet[i % 3]!, alice, `k${i}`)));
    const statuses = responses.map((response) => response.status);
    const rows = (await fleet[0]!.rows("apikey")).filter((row) => row.referenceId === alice.user.id);
    console.log(`fleet cap: ${rows.length} rows after 60 parallel creates over 3 instances, cap 10 [${adapter}]`);
    expect(rows).toHaveLength(10);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 403)).toHaveLength(50);
  });

  it.runIf(locksRows)("leaves exactly 10 rows after 60 parallel creates for one organization over 3 instances, cap 10", async () => {
    const fleet = createFleet(3, () => [
      organization() as BetterAuthPlugin,
      apiKey({ organizationKeys: { maxKeysPerOrganization: 10 } }),
    ]);
    const owner = await fleet[0]!.signUp();
    const api = fleet[0]!.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string; slug: string }>>;
    const org = await api.createOrganization!({ body: { name: "Acme", slug: `acme-${crypto.randomUUID()}` }, headers: owner.headers });
    for (const t of fleet) t.faults.afterCall = (call) => (call.method === "count" ? sleep(10) : undefined);
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        fleet[i % 3]!.request("/api-key/create", { method: "POST", credential: owner, body: JSON.stringify({ name: `k${i}`, organizationId: org.id }) }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    const rows = (await fleet[0]!.rows("apikey")).filter((row) => row.referenceId === org.id);
    console.log(`fleet organization cap: ${rows.length} rows after 60 parallel creates over 3 instances, cap 10 [${adapter}]`);
    expect(rows).toHaveLength(10);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 403)).toHaveLength(50);
    // Each create locked the organization's row, and wrote its slug back as it was.
    const locks = fleet.flatMap((t) => t.adapterCalls).filter((call) => call.model === "organization" && call.method === "updateMany");
    expect(locks.length).toBeGreaterThanOrEqual(60);
    const [stored] = (await fleet[0]!.rows("organization")).filter((row) => row.id === org.id);
    expect(stored!.slug).toBe(org.slug);
  });

  it("creates a key without changing its owner's user row, and locks that row only where the database can", async () => {
    const [t] = createFleet(1, () => [apiKey()]);
    const alice = await t!.signUp();
    const before = await t!.rows("user");
    const sessionBefore = await t!.request("/get-session", { credential: alice }).then((response) => response.json());
    const calls = t!.adapterCalls.length;
    expect((await create(t!, alice, "one")).status).toBe(200);
    const { calls: made } = summarizeAdapterCalls(t!.adapterCalls.slice(calls));

    expect(await t!.rows("user")).toEqual(before);
    const sessionAfter = await t!.request("/get-session", { credential: alice }).then((response) => response.json());
    expect(sessionAfter.user.updatedAt).toBe(sessionBefore.user.updatedAt);
    const userWrites = made.filter((call) => call.model === "user" && call.method === "updateMany");
    expect(userWrites).toHaveLength(locksRows ? 1 : 0);
  });

  it.runIf(locksRows)("takes the lock again when a profile update lands between reading the owner and locking it", async () => {
    const [t] = createFleet(1, () => [apiKey()]);
    const alice = await t!.signUp();
    const context = await t!.auth.$context;
    let renamed = false;
    t!.faults.intercept = async (call) => {
      if (call.model !== "user" || call.method !== "updateMany" || renamed) return;
      renamed = true;
      await new Promise((resolve) => setTimeout(resolve, 5)); // a later updatedAt than the one read
      await context.internalAdapter.updateUser(alice.user.id, { name: "Renamed" });
    };
    expect((await create(t!, alice, "one")).status).toBe(200);
    t!.faults.intercept = undefined;

    const [user] = (await t!.rows("user")).filter((row) => row.id === alice.user.id);
    expect(user!.name).toBe("Renamed");
    // The rename's updatedAt stays: the lock wrote back the value it read after the rename.
    const renamedAt = new Date(user!.updatedAt as string).getTime();
    expect(renamedAt).toBeGreaterThan(new Date(user!.createdAt as string).getTime());
    const userWrites = t!.adapterCalls.filter((call) => call.model === "user" && call.method === "updateMany");
    expect(userWrites).toHaveLength(2);
  });
});
