import { describe, expect, it } from "vitest";
import { setupApiKeys } from "./test-setup";

describe("maxKeysPerUser", () => {
  it("refuses the next create with 403 MAX_KEYS_REACHED", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 2 });
    const alice = await t.signUp();
    await t.createKey(alice);
    await t.createKey(alice);
    const { status, body } = await t.json(
      await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "third" }) }),
    );
    expect(status).toBe(403);
    expect(body.code).toBe("MAX_KEYS_REACHED");
  });

  it("leaves exactly the cap after 30 parallel creates", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 10 });
    const alice = await t.signUp();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: `k${i}` }) }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 403)).toHaveLength(20);
    expect((await t.rows("apikey")).filter((row) => row.referenceId === alice.user.id)).toHaveLength(10);
  });

  it("counts per user, and frees a slot on revoke", async () => {
    const t = setupApiKeys({ maxKeysPerUser: 1 });
    const alice = await t.signUp();
    const bob = await t.signUp();
    const first = await t.createKey(alice);
    await t.createKey(bob);
    await t.client(alice).$fetch("/api-key/revoke", { method: "POST", body: { id: first.id } });
    await expect(t.createKey(alice)).resolves.toMatchObject({ name: "test key" });
  });
});
