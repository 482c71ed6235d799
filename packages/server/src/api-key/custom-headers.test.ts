import { createProtectedRoute, createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { bearer } from "../bearer";
import { createVerifier } from "../verifier";
import { createToken } from "../../test/support/bearer";
import { apiKey, type ApiKeyOptions } from "./index";

async function setup(options: ApiKeyOptions, order: "apiKey first" | "bearer first" = "apiKey first") {
  const plugins = order === "apiKey first" ? [apiKey(options), bearer()] : [bearer(), apiKey(options)];
  const t = createTestAuth({ plugins });
  const alice = await t.signUp();
  const response = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "k" }) });
  const { key } = (await response.json()) as { key: string };
  const route = createProtectedRoute(t.auth);
  const verifier = createVerifier(t.auth);
  const code = async (headers: Record<string, string>) => {
    const result = await verifier.authenticate(headers);
    return result.ok ? "ok" : result.body.code;
  };
  return { t, alice, key, route, code };
}

describe("apiKeyHeaders and customAPIKeyGetter", () => {
  it("reads the key from the app's headers in the session hook and the verifier, one credential per request", async () => {
    const { alice, key, route, code } = await setup({ apiKeyHeaders: ["X-Service-Key", "x-api-key"] });
    expect((await route({ "x-service-key": key })).status).toBe(200);
    expect((await route({ "x-api-key": key })).status).toBe(200);
    expect(await code({ "X-Service-Key": key })).toBe("ok");
    // Still held to our prefix: a foreign value is refused, never looked up as another kind.
    expect(await code({ "x-service-key": "sk_live_something" })).toBe("INVALID_CREDENTIAL");
    // RFC 6750: two API-key headers, or one and a Bearer, is several credentials.
    expect(await code({ "x-service-key": key, "x-api-key": key })).toBe("MULTIPLE_CREDENTIALS");
    expect(await code({ "x-service-key": key, authorization: `Bearer ${alice.sessionToken}` })).toBe("MULTIPLE_CREDENTIALS");
    expect((await route({ "x-service-key": key, authorization: `Bearer ${alice.sessionToken}` })).status).toBe(401);
    // A header it does not read is no credential at all.
    expect(await code({ "x-other-key": key })).toBe("UNAUTHORIZED");
  });

  it("reads the key with a getter, and takes a throwing or non-string getter for no credential, never a 500", async () => {
    const { key, route, code } = await setup({
      customAPIKeyGetter: (ctx) => ctx.headers?.get("x-token")?.replace(/^Key /, "") ?? null,
    });
    expect((await route({ "x-token": `Key ${key}` })).status).toBe(200);
    expect(await code({ "x-token": `Key ${key}` })).toBe("ok");
    expect(await code({ "x-api-key": key })).toBe("UNAUTHORIZED");

    for (const getter of [
      () => {
        throw new Error("boom");
      },
      () => 42 as unknown as string,
      () => "   ",
    ]) {
      const broken = await setup({ customAPIKeyGetter: getter });
      expect((await broken.route({ "x-api-key": broken.key })).status).toBe(401);
      expect(await broken.code({ "x-api-key": broken.key })).toBe("UNAUTHORIZED");
    }
  });

  it.each(["apiKey first", "bearer first"] as const)(
    "refuses a key read by the getter beside a Bearer value as several credentials, %s, whichever plugin would win",
    async (order) => {
      const { t, alice, key, route, code } = await setup({ customAPIKeyGetter: (ctx) => ctx.headers?.get("x-service-key") ?? null }, order);
      const bob = await t.signUp({ email: "bob@example.com" });
      const { token } = await createToken(t, bob);
      for (const authorization of [`Bearer ${token}`, `Bearer ${alice.sessionToken}`]) {
        const headers = { "x-service-key": key, authorization };
        expect(await code(headers)).toBe("MULTIPLE_CREDENTIALS");
        // Through Better Auth's own session: neither credential's owner is signed in.
        expect(await route(headers)).toMatchObject({ status: 401, session: null });
      }
      // Each alone is one credential.
      expect(await code({ "x-service-key": key })).toBe("ok");
      expect(await code({ authorization: `Bearer ${token}` })).toBe("ok");
    },
  );

  it.each(["apiKey first", "bearer first"] as const)(
    "judges a getter's value that is the Bearer value as a Bearer value, %s: personal and session tokens stay theirs",
    async (order) => {
      const { t, key, route, code } = await setup(
        { customAPIKeyGetter: (ctx) => ctx.headers?.get("authorization")?.replace(/^Bearer +/i, "") ?? null },
        order,
      );
      const bob = await t.signUp({ email: "bob@example.com" });
      const { token } = await createToken(t, bob);
      const asKey = { authorization: `Bearer ${key}` };
      expect(await code(asKey)).toBe("ok");
      expect((await route(asKey)).status).toBe(200);
      // One credential, not two, and never claimed by the API-key plugin: it is not our key's prefix.
      expect(await code({ authorization: `Bearer ${token}` })).toBe("ok");
      expect((await route({ authorization: `Bearer ${token}` })).session?.user.id).toBe(bob.user.id);
      expect((await route({ authorization: `Bearer ${bob.sessionToken}` })).session?.user.id).toBe(bob.user.id);
      expect((await t.request("/list-sessions", { headers: { authorization: `Bearer ${bob.sessionToken}` } })).status).toBe(200);
    },
  );

  it("takes a getter that reads X-API-Key itself for the one credential it is, not two", async () => {
    const { key, route, code } = await setup({ customAPIKeyGetter: (ctx) => ctx.headers?.get("x-api-key") ?? null });
    expect(await code({ "x-api-key": key })).toBe("ok");
    expect((await route({ "x-api-key": key })).status).toBe(200);
  });

  it("takes a getter that returns a promise for no key: never an unhandled rejection", async () => {
    const rejected: unknown[] = [];
    const onRejection = (reason: unknown) => rejected.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
      for (const getter of [async () => Promise.reject(new Error("lookup failed")), async () => "ba_whatever"]) {
        const { key, route, code } = await setup({ customAPIKeyGetter: getter as never });
        for (const headers of [{ "x-api-key": key }, { authorization: "Bearer not-ours" }, {}]) {
          expect(await code(headers)).toBe("UNAUTHORIZED");
          expect((await route(headers)).status).toBe(401);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(rejected).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });

  it("refuses bad header options at startup, naming the option", () => {
    for (const apiKeyHeaders of ["authorization", [], ["Cookie"], ["bad header"], [""], [5 as unknown as string]]) {
      expect(() => apiKey({ apiKeyHeaders })).toThrow(/apiKeyHeaders/);
    }
    expect(() => apiKey({ customAPIKeyGetter: "x-token" as never })).toThrow(/customAPIKeyGetter/);
  });
});
