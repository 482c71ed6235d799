import { createTestAuth, type ClientCredential } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey } from "../src/api-key/index";
import { bearer } from "../src/bearer/index";

// A response that holds a secret must not be kept by a browser, proxy or CDN (RFC 6749 §5.1).
describe("responses that hold a secret are never cached", () => {
  const t = createTestAuth({ plugins: [apiKey(), bearer()] });

  function expectNoStore(response: Response) {
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
  }

  it("sends Cache-Control: no-store with a new API key, a new personal token and a refreshed session token", async () => {
    const alice = await t.signUp();
    const post = (path: string, body: unknown, credential: ClientCredential = alice) =>
      t.request(path, { method: "POST", credential, body: JSON.stringify(body) });

    expectNoStore(await post("/api-key/create", { name: "CI" }));
    expectNoStore(await post("/bearer/create-token", { name: "CLI" }));
    // A CLI's login: Better Auth's sign-in, whose set-auth-token header is the session token.
    const login = await t.request("/sign-in/email", {
      method: "POST",
      headers: { origin: "" },
      body: JSON.stringify({ email: alice.user.email, password: "correct-horse-battery" }),
    });
    const sessionToken = login.headers.get("set-auth-token");
    expect(sessionToken).toBeTruthy();
    expectNoStore(await post("/bearer/refresh", {}, { bearer: sessionToken! }));
  });

  it("sends Cache-Control: no-store with a rolled API key and a rolled personal token", async () => {
    const alice = await t.signUp();
    const post = (path: string, body: unknown) => t.request(path, { method: "POST", credential: alice, body: JSON.stringify(body) });
    const key = (await (await post("/api-key/create", { name: "CI" })).json()) as { id: string };
    const token = (await (await post("/bearer/create-token", { name: "CLI" })).json()) as { id: string };
    // A roll hands out a new secret, as a create does.
    expectNoStore(await post("/api-key/roll", { id: key.id }));
    expectNoStore(await post("/bearer/roll-token", { id: token.id }));
  });

  it("leaves answers without a secret to Better Auth's defaults", async () => {
    const alice = await t.signUp();
    const listed = await t.request("/api-key/list", { credential: alice });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("cache-control")).toBeNull();
  });
});
