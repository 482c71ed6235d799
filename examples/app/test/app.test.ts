import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpAndCreateKey } from "./sign-up-and-create-key";
import { startApp } from "./start-app";

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.close());

describe("the example app's JSON routes", () => {
  it("answer a key in X-API-Key or Authorization: Bearer, and 401 with a challenge without one", async () => {
    const { key } = await signUpAndCreateKey(app.baseURL, ["read"]);
    for (const headers of [{ "x-api-key": key }, { authorization: `Bearer ${key}` }]) {
      const me = await fetch(`${app.baseURL}/api/me`, { headers });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ user: { name: "Grace" }, authMethod: "api-key" });
    }
    const anonymous = await fetch(`${app.baseURL}/api/projects`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("answer an organization's key as the organization's on /api/whoami, and refuse it on /api/me", async () => {
    const headers = { "content-type": "application/json", origin: app.baseURL };
    const signUp = await fetch(`${app.baseURL}/api/auth/sign-up/email`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email: `o${Date.now()}@example.com`, password: "correct-horse-battery", name: "Ada" }),
    });
    const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const post = async (path: string, body: unknown) =>
      (await fetch(`${app.baseURL}/api/auth${path}`, { method: "POST", headers: { ...headers, cookie }, body: JSON.stringify(body) })).json();
    const organization = (await post("/organization/create", { name: "Acme", slug: `acme-${Date.now()}` })) as { id: string };
    const created = (await post("/api-key/create", { name: "deploy bot", organizationId: organization.id })) as { key: string };

    const whoami = await fetch(`${app.baseURL}/api/whoami`, { headers: { "x-api-key": created.key } });
    expect(await whoami.json()).toMatchObject({ owner: { type: "organization", id: organization.id }, permissions: { scopes: ["read"] } });
    const me = await fetch(`${app.baseURL}/api/me`, { headers: { "x-api-key": created.key } });
    expect(me.status).toBe(403);
    expect(await me.json()).toMatchObject({ code: "ORGANIZATION_KEY_NOT_ACCEPTED" });
  });

  it("serve the page and its script", async () => {
    expect(await (await fetch(app.baseURL)).text()).toContain("API keys");
    const script = await fetch(`${app.baseURL}/app.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
  });
});
