import { describe, expect, it } from "vitest";
import { setupApiKeys } from "../../test/support/api-keys";
import { apiKey } from "../api-key";
import { bearer } from "../bearer";

describe("which Better Auth endpoints a credential may call", () => {
  it("refuses Better Auth's own account and session endpoints with 403 CREDENTIAL_NOT_ALLOWED", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const attempts = [
      t.request("/list-sessions", { headers: { "x-api-key": created.key } }),
      t.request("/update-user", { method: "POST", headers: { "x-api-key": created.key }, body: JSON.stringify({ name: "pwned" }) }),
      t.request("/revoke-sessions", { method: "POST", headers: { "x-api-key": created.key }, body: "{}" }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "CREDENTIAL_NOT_ALLOWED" });
      expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    }
    const { data } = await t.client(alice).getSession();
    expect(data?.user.name).toBe(alice.user.name);
  });

  it("refuses at startup an endpoint that would exchange a credential for another token", () => {
    for (const path of ["/token", "/one-time-token/generate"]) {
      expect(() => apiKey({ sessionEndpoints: ["/get-session", path] })).toThrow(/would exchange a credential for a token/);
      expect(() => bearer({ sessionEndpoints: ["/get-session", path] })).toThrow(/would exchange a credential for a token/);
    }
  });

  it("gives a session on the endpoints listed in sessionEndpoints", async () => {
    const t = setupApiKeys({ sessionEndpoints: ["/get-session", "/list-sessions"] });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    const response = await t.request("/list-sessions", { headers: { "x-api-key": created.key } });
    expect(response.status).toBe(200);
  });
});
