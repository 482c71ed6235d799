import { createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey } from "./index";
import { LATEST_EXPIRY } from "../core/expiry";
import { setupApiKeys } from "../../test/support/api-keys";

describe("apiKey() refuses unsafe options at startup, naming the option", () => {
  it.each([
    [{ length: 21 }, /"length" must be an integer from 22/],
    [{ prefix: "has space_" }, /"prefix" must be/],
    [{ prefix: "noseparator" }, /"prefix" must be/],
    [{ maxKeysPerUser: 0 }, /"maxKeysPerUser" must be a positive integer/],
    [{ hashing: { algorithm: "hmac-sha256", pepper: "short" } }, /"hashing.pepper" is required/],
    [{ hashing: { algorithm: "hmac-sha256" } }, /"hashing.pepper" is required/],
    [{ minExpiresIn: 100, maxExpiresIn: 10 }, /"minExpiresIn" must not exceed "maxExpiresIn"/],
    [{ defaultExpiresIn: null, allowNoExpiry: false }, /"allowNoExpiry" is false/],
    [{ maxExpiresIn: 86_400 }, /"defaultExpiresIn" is null \(never\) but "maxExpiresIn" is set/],
    [{ maxExpiresIn: 86_400, defaultExpiresIn: null, allowNoExpiry: false }, /"allowNoExpiry" is false/],
    // Otherwise every create that does not send `expiresIn` would answer 400 INVALID_EXPIRY.
    [{ maxExpiresIn: 30 * 86_400, defaultExpiresIn: 90 * 86_400 }, /"defaultExpiresIn" \(7776000\) must lie within "minExpiresIn" \(60\) and "maxExpiresIn" \(2592000\)/],
    [{ minExpiresIn: 3600, defaultExpiresIn: 600 }, /"defaultExpiresIn" \(600\) must lie within "minExpiresIn" \(3600\) and "maxExpiresIn" \(none\)/],
    [{ rateLimit: { max: 0, window: 60 } }, /"rateLimit.max" must be a positive integer/],
    [{ cache: { invalidationPollInterval: 0 } }, /"cache.invalidationPollInterval" must be a positive number of seconds/],
  ] as const)("%j", (options, message) => {
    expect(() => apiKey(options as Parameters<typeof apiKey>[0])).toThrow(message);
  });

  it("does not mutate the caller's options object", () => {
    const options = Object.freeze({ prefix: "ok_", rateLimit: Object.freeze({ max: 5, window: 60 }) });
    expect(() => apiKey(options)).not.toThrow();
  });
});

describe("expiry policy for signed-in users", () => {
  it("refuses expiresIn below min or above max with 400 INVALID_EXPIRY", async () => {
    const t = setupApiKeys({ minExpiresIn: 3600, maxExpiresIn: 86_400, defaultExpiresIn: 3600 });
    const alice = await t.signUp();
    for (const expiresIn of [60, 86_401]) {
      const { status, body } = await t.json(
        await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "x", expiresIn }) }),
      );
      expect(status).toBe(400);
      expect(body.code).toBe("INVALID_EXPIRY");
    }
  });

  it("stores the latest expiry it allows on every database, whatever Node's time zone", async () => {
    // mysql2 writes Node's local time; ahead of the database's zone, a date near the end of
    // TIMESTAMP became a database error (500) where the bound promised a 400 or a key.
    const t = setupApiKeys();
    const alice = await t.signUp();
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati"; // UTC+14, the zone furthest ahead
    try {
      const latest = Math.floor((LATEST_EXPIRY.getTime() - Date.now()) / 1000) - 60;
      const { status, body } = await t.json(
        await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "x", expiresIn: latest }) }),
      );
      expect([status, body.code]).toEqual([200, undefined]);
      // Read back as stored: a Date, or on SQLite the text it keeps.
      const stored = (await t.storedKeysOf(alice))[0]!.expiresAt as Date | string;
      expect(new Date(stored).getTime()).toBe(new Date(body.expiresAt as string).getTime());
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("refuses an expiry past 2038-01-18, near the end of what MySQL can store, with 400 INVALID_EXPIRY on every database, writing nothing", async () => {
    // No maxExpiresIn: the only bound left is what every database can hold.
    const t = setupApiKeys();
    const alice = await t.signUp();
    const twentyYears = 20 * 365 * 24 * 3600;
    const { status, body } = await t.json(
      await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "x", expiresIn: twentyYears }) }),
    );
    expect(status).toBe(400);
    expect(body.code).toBe("INVALID_EXPIRY");
    // A server-side call is not held to the app's bounds, but the database's bound holds for it too.
    await expect(
      t.auth.api.createApiKey({ body: { name: "x", expiresIn: twentyYears, userId: alice.user.id } }),
    ).rejects.toMatchObject({ body: { code: "INVALID_EXPIRY" } });
    expect(await t.storedKeysOf(alice)).toHaveLength(0);
  });

  it("accepts expiresIn: null only when allowNoExpiry", async () => {
    const open = setupApiKeys();
    expect((await open.createKey(await open.signUp(), { name: "forever", expiresIn: null })).expiresAt).toBeNull();

    const strict = setupApiKeys({ defaultExpiresIn: 3600, allowNoExpiry: false });
    const { status, body } = await strict.json(
      await strict.request("/api-key/create", {
        method: "POST",
        credential: await strict.signUp(),
        body: JSON.stringify({ name: "forever", expiresIn: null }),
      }),
    );
    expect(status).toBe(400);
    expect(body.code).toBe("NO_EXPIRY_NOT_ALLOWED");
  });

  it("refuses expiresIn: null when maxExpiresIn is set, unless allowNoExpiry is set explicitly", async () => {
    const bounded = setupApiKeys({ maxExpiresIn: 86_400, defaultExpiresIn: 3600 });
    const alice = await bounded.signUp();
    const rowsBefore = (await bounded.rows("apikey")).length;
    const { status, body } = await bounded.json(
      await bounded.request("/api-key/create", {
        method: "POST",
        credential: alice,
        body: JSON.stringify({ name: "forever", expiresIn: null }),
      }),
    );
    expect(status).toBe(400);
    expect(body.code).toBe("NO_EXPIRY_NOT_ALLOWED");
    expect(await bounded.rows("apikey")).toHaveLength(rowsBefore);
    // Server code is trusted with any expiry, as with the bounds.
    const ops = (await bounded.auth.api.createApiKey({ body: { name: "ops", userId: alice.user.id, expiresIn: null } })) as {
      expiresAt: Date | null;
    };
    expect(ops.expiresAt).toBeNull();

    const optedIn = setupApiKeys({ maxExpiresIn: 86_400, allowNoExpiry: true });
    const forever = await optedIn.createKey(await optedIn.signUp(), { name: "forever", expiresIn: null });
    expect(forever.expiresAt).toBeNull();
  });

  it("refuses a blank or control-character name with 400 INVALID_NAME", async () => {
    const t = setupApiKeys();
    const alice = await t.signUp();
    for (const name of ["   ", "bell\u0007", "x".repeat(65)]) {
      const { status, body } = await t.json(
        await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name }) }),
      );
      expect(status).toBe(400);
      expect(body.code).toBe("INVALID_NAME");
    }
  });
});

describe("custom hashing", () => {
  it("stores what a custom hash returns and verifies through it", async () => {
    const seen: string[] = [];
    const t = setupApiKeys({
      hashing: {
        hash: async (key) => {
          seen.push("called");
          const digest = await crypto.subtle.digest("SHA-512", new TextEncoder().encode(key));
          return Buffer.from(digest).toString("hex");
        },
      },
    });
    const alice = await t.signUp();
    const created = await t.createKey(alice);
    expect((await t.rows("apikey"))[0]!.key).toMatch(/^[0-9a-f]{128}$/);
    expect((await t.protectedRoute({ "x-api-key": created.key })).status).toBe(200);
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it("does not verify sha256 keys once the hashing changes to hmac (the pepper is part of the hash)", async () => {
    const first = createTestAuth({ plugins: [apiKey()] });
    const alice = await first.signUp();
    const created = (await first.auth.api.createApiKey({ body: { name: "k", userId: alice.user.id } })) as { key: string };
    const peppered = createTestAuth({
      shareStorageWith: first,
      plugins: [apiKey({ hashing: { algorithm: "hmac-sha256", pepper: "p".repeat(32) } })],
    });
    const result = await peppered.auth.api.verifyApiKey({ body: { key: created.key } });
    expect(result).toMatchObject({ valid: false, error: { code: "INVALID_CREDENTIAL" } });
  });
});
