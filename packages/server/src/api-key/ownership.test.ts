import { describe, expect, it } from "vitest";
import type { PublicCredential } from "../core/credential-table";
import { setupApiKeys } from "../../test/support/api-keys";

describe("one user's keys are invisible to another", () => {
  it("answers 404 NOT_FOUND to get, update and revoke of another user's key, and hides it from list", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const bob = await t.signUp();
    const alicesKey = await t.createKey(alice);

    const attempts = [
      t.request(`/api-key/get?id=${alicesKey.id}`, { credential: bob }),
      t.request("/api-key/update", { method: "POST", credential: bob, body: JSON.stringify({ id: alicesKey.id, enabled: false }) }),
      t.request("/api-key/revoke", { method: "POST", credential: bob, body: JSON.stringify({ id: alicesKey.id }) }),
      t.request("/api-key/revoke", { method: "DELETE", credential: bob, body: JSON.stringify({ id: alicesKey.id }) }),
    ];
    for (const response of await Promise.all(attempts)) {
      const { status, body } = await t.json(response);
      expect(status).toBe(404);
      expect(body.code).toBe("NOT_FOUND");
    }
    const missing = await t.json(await t.request("/api-key/get?id=does-not-exist", { credential: bob }));
    expect(missing.status).toBe(404);

    const { data: bobsList } = await t.client(bob).$fetch<{ apiKeys: PublicCredential[] }>("/api-key/list");
    expect(bobsList?.apiKeys).toEqual([]);
    expect((await t.protectedRoute({ "x-api-key": alicesKey.key })).status).toBe(200);
  });
});
