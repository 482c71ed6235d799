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

  it("serve the page and its script", async () => {
    expect(await (await fetch(app.baseURL)).text()).toContain("API keys");
    const script = await fetch(`${app.baseURL}/app.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
  });
});
