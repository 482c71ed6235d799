import {
  createProtectedRoute,
  createTestAuth,
  registerCredential,
  registerSecret,
  testAdapterName,
  type SignedUpUser,
} from "@better-auth-tokens/test-utils";
import type { BetterAuthOptions } from "better-auth";
import { describe, expect, it, vi } from "vitest";
import { apiKey, type ApiKeyOptions } from "../src/api-key";
import { bearer } from "../src/bearer";
import type { CredentialEvent } from "../src/core/credential-events";
import { MAX_ALLOWED_IPS } from "../src/core/ip-allowlist";
import { remoteVerification } from "../src/remote-verification";
import { createVerifier, requireCredentialNode } from "../src/verifier";
import { setupApiKeys } from "./support/api-keys";
import { createToken } from "./support/bearer";

const adapter = testAdapterName();

/** Lets background writes (lastUsedAt) and deferred event deliveries land. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** An app with keys whose allowlist holds one of each kind of entry. */
const ALLOWLIST = ["203.0.113.7", "10.0.0.0/8", "2001:db8::1", "2001:db8:abcd::/48"];

function setup(options: ApiKeyOptions = {}, betterAuthOptions: Omit<BetterAuthOptions, "plugins" | "database"> = {}) {
  const events: CredentialEvent[] = [];
  const t = setupApiKeys({ onEvent: (event) => void events.push(event), ...options }, { options: betterAuthOptions });
  const verifier = createVerifier(t.auth);
  /** The verdict of `createVerifier` for the key sent from `ip` (as `X-Forwarded-For`). */
  const from = async (key: string, forwardedFor: string | null) => {
    const result = await verifier.authenticate({ "x-api-key": key, ...(forwardedFor === null ? {} : { "x-forwarded-for": forwardedFor }) });
    return result.ok ? "ok" : result.code;
  };
  /** A key made by server code (no headers), which may set anything. */
  const serverKey = async (user: SignedUpUser, body: Record<string, unknown>) => {
    const created = await t.auth.api.createApiKey({ body: { userId: user.user.id, name: "server", ...body } });
    registerCredential(created.key);
    return created;
  };
  return { ...t, events, verifier, from, serverKey };
}

describe(`IP allowlists on API keys [${adapter}]`, () => {
  it("let a key through from an allowed IPv4 or IPv6 address or range, IPv4-mapped IPv6 included, and nowhere else", async () => {
    const t = setup();
    const alice = await t.signUp();
    const key = await t.createKey(alice, { name: "ci", allowedIps: ALLOWLIST });
    expect(key.allowedIps).toEqual(ALLOWLIST);

    const verdicts = Object.fromEntries(
      await Promise.all(
        [
          "203.0.113.7", // IPv4, exactly
          "10.200.3.4", // in 10.0.0.0/8
          "2001:db8::1", // IPv6, exactly
          "2001:DB8:0:0:0:0:0:1", // the same, written out
          "2001:db8:abcd:12::99", // in 2001:db8:abcd::/48
          "::ffff:203.0.113.7", // IPv4-mapped: the IPv4 entry
          "::ffff:10.9.8.7", // IPv4-mapped, in the IPv4 range
          "203.0.113.8",
          "11.0.0.1",
          "2001:db8::2", // the /64 of 2001:db8::1, which Better Auth's own resolution would collapse it to
          "2001:db8:abce::1",
          "127.0.0.1",
        ].map(async (ip) => [ip, await t.from(key.key, ip)]),
      ),
    );
    expect(verdicts).toEqual({
      "203.0.113.7": "ok",
      "10.200.3.4": "ok",
      "2001:db8::1": "ok",
      "2001:DB8:0:0:0:0:0:1": "ok",
      "2001:db8:abcd:12::99": "ok",
      "::ffff:203.0.113.7": "ok",
      "::ffff:10.9.8.7": "ok",
      "203.0.113.8": "IP_NOT_ALLOWED",
      "11.0.0.1": "IP_NOT_ALLOWED",
      "2001:db8::2": "IP_NOT_ALLOWED",
      "2001:db8:abce::1": "IP_NOT_ALLOWED",
      "127.0.0.1": "IP_NOT_ALLOWED",
    });
  });

  it("refuses from elsewhere with 403 IP_NOT_ALLOWED and no challenge, on every path; getSession finds no session", async () => {
    const t = setup();
    const alice = await t.signUp();
    const key = await t.createKey(alice, { name: "ci", allowedIps: ["203.0.113.7"] });
    const elsewhere = { "x-api-key": key.key, "x-forwarded-for": "198.51.100.1" };
    const allowed = { "x-api-key": key.key, "x-forwarded-for": "203.0.113.7" };

    const viaVerifier = await t.verifier.authenticate(elsewhere);
    expect(viaVerifier).toMatchObject({ ok: false, status: 403, code: "IP_NOT_ALLOWED", body: { code: "IP_NOT_ALLOWED" } });
    expect(viaVerifier.ok || viaVerifier.headers["WWW-Authenticate"]).toBeUndefined();

    // The session hook, on a Better Auth endpoint that is not a session endpoint: the same answer.
    const viaHook = await t.request("/list-sessions", { headers: elsewhere });
    expect([viaHook.status, ((await viaHook.json()) as { code: string }).code]).toEqual([403, "IP_NOT_ALLOWED"]);
    expect(viaHook.headers.get("www-authenticate")).toBeNull();

    const route = createProtectedRoute(t.auth);
    expect((await route(elsewhere)).status).toBe(401);
    expect(await route(allowed)).toMatchObject({ status: 200, session: { user: { id: alice.user.id } } });

    // Node's own header object, as the Express / Node middleware reads it.
    const guard = requireCredentialNode(t.verifier);
    const headers: Record<string, string> = {};
    const res = { statusCode: 0, body: "", setHeader: (name: string, value: string) => (headers[name] = value), end: (body: string) => (res.body = body) };
    const next = vi.fn();
    guard({ headers: { "x-api-key": key.key, "x-forwarded-for": "198.51.100.1" } }, res, next);
    await vi.waitFor(() => expect(res.statusCode).toBe(403));
    expect(JSON.parse(res.body)).toMatchObject({ code: "IP_NOT_ALLOWED" });
    expect(headers).not.toHaveProperty("WWW-Authenticate");
    guard({ headers: { "x-api-key": key.key, "x-forwarded-for": "203.0.113.7" } }, res, next);
    await vi.waitFor(() => expect(next).toHaveBeenCalledTimes(1));

    await settle();
    const rejected = t.events.filter((event) => event.type === "rejected");
    expect(rejected.length).toBeGreaterThanOrEqual(4);
    expect(rejected.every((event) => event.type === "rejected" && event.reason === "ip-not-allowed" && event.credentialId === key.id)).toBe(true);
    expect(rejected[0]).toMatchObject({ ipAddress: "198.51.100.1" });
  });

  it("counts a refused request as no use: no quota spent, no rate-limit count, no lastUsedAt, no first-used event", async () => {
    const t = setup({ rateLimit: { max: 3, window: 60 }, lastUsedUpdateInterval: 0 });
    const alice = await t.signUp();
    const key = await t.serverKey(alice, { remaining: 2, allowedIps: ["203.0.113.7"] });

    for (let i = 0; i < 5; i++) expect(await t.from(key.key, "198.51.100.1")).toBe("IP_NOT_ALLOWED");
    await settle();
    const untouched = (await t.storedKeysOf(alice))[0]!;
    expect([untouched.remaining, untouched.lastRequest ?? null, untouched.lastUsedIp ?? null]).toEqual([2, null, null]);
    expect(t.events.filter((event) => event.type === "first-used")).toHaveLength(0);

    // Had the five counted, the rate limit (3) would refuse the first of these and the quota (2) be spent.
    expect([await t.from(key.key, "203.0.113.7"), await t.from(key.key, "203.0.113.7"), await t.from(key.key, "203.0.113.7")]).toEqual([
      "ok",
      "ok",
      "USAGE_EXCEEDED",
    ]);
    await vi.waitFor(async () => expect((await t.storedKeysOf(alice))[0]).toMatchObject({ remaining: 0, lastUsedIp: "203.0.113.7" }));
  });

  it("takes effect at once on a cached key, and lifts at once when removed", async () => {
    const t = setup();
    const alice = await t.signUp();
    const key = await t.createKey(alice);
    expect(key.allowedIps).toBeNull();
    expect(await t.from(key.key, "198.51.100.1")).toBe("ok");

    const restricted = await t.json(await t.post("/api-key/update", alice, { id: key.id, allowedIps: ["203.0.113.0/24"] }));
    expect(restricted).toMatchObject({ status: 200, body: { allowedIps: ["203.0.113.0/24"] } });
    expect(await t.from(key.key, "198.51.100.1")).toBe("IP_NOT_ALLOWED");
    expect(await t.from(key.key, "203.0.113.99")).toBe("ok");

    const cleared = await t.json(await t.post("/api-key/update", alice, { id: key.id, allowedIps: null }));
    expect(cleared).toMatchObject({ status: 200, body: { allowedIps: null } });
    expect((await t.storedKeysOf(alice))[0]!.allowedIps).toBeNull();
    expect(await t.from(key.key, "198.51.100.1")).toBe("ok");

    await settle();
    const updates = t.events.filter((event) => event.type === "updated");
    expect(updates.map((event) => event.type === "updated" && event.changed)).toEqual([["allowedIps"], ["allowedIps"]]);
  });

  it("fails closed when no address can be resolved: IP tracking off, or server code with no request", async () => {
    const t = setup({}, { advanced: { ipAddress: { disableIpTracking: true } } });
    const alice = await t.signUp();
    const open = await t.createKey(alice, { name: "open" });
    const key = await t.createKey(alice, { name: "restricted", allowedIps: ["203.0.113.7"] });
    expect(await t.from(key.key, "203.0.113.7")).toBe("IP_NOT_ALLOWED");
    expect(await t.from(open.key, "203.0.113.7")).toBe("ok");

    const plain = setup();
    const bob = await plain.signUp();
    const bobs = await plain.createKey(bob, { name: "restricted", allowedIps: ["203.0.113.7"] });
    // verifyApiKey from server code: no headers, no address, unless the caller vouches for one.
    expect(await plain.auth.api.verifyApiKey({ body: { key: bobs.key } })).toMatchObject({ valid: false, error: { code: "IP_NOT_ALLOWED" } });
    expect(await plain.auth.api.verifyApiKey({ body: { key: bobs.key, clientIp: "203.0.113.7" } })).toMatchObject({ valid: true });
    expect(await plain.auth.api.verifyApiKey({ body: { key: bobs.key, clientIp: "not an address" } })).toMatchObject({ valid: false, error: { code: "IP_NOT_ALLOWED" } });
    const forwarded = new Headers({ "x-forwarded-for": "203.0.113.7" });
    expect(await plain.auth.api.verifyApiKey({ body: { key: bobs.key }, headers: forwarded })).toMatchObject({ valid: true });
  });

  it("trusts only a single-value X-Forwarded-For without trustedProxies, and the first untrusted hop with them", async () => {
    const t = setup();
    const alice = await t.signUp();
    const key = await t.createKey(alice, { name: "ci", allowedIps: ["203.0.113.7"] });
    // A client writes the allowed address first; a proxy appends the real one: nothing is trusted.
    expect(await t.from(key.key, "203.0.113.7, 198.51.100.1")).toBe("IP_NOT_ALLOWED");
    expect(await t.from(key.key, "203.0.113.7, 203.0.113.7")).toBe("IP_NOT_ALLOWED");

    const proxied = setup({}, { advanced: { ipAddress: { trustedProxies: ["192.0.2.0/24"] } } });
    const bob = await proxied.signUp();
    const bobs = await proxied.createKey(bob, { name: "ci", allowedIps: ["203.0.113.7"] });
    expect(await proxied.from(bobs.key, "198.51.100.1, 203.0.113.7, 192.0.2.10")).toBe("ok");
    expect(await proxied.from(bobs.key, "203.0.113.7, 198.51.100.1, 192.0.2.10")).toBe("IP_NOT_ALLOWED");
    expect(await proxied.from(bobs.key, "203.0.113.7, 198.51.100.1")).toBe("IP_NOT_ALLOWED");
  });
});

describe(`setting an IP allowlist [${adapter}]`, () => {
  it("stores entries normalized, and refuses an invalid list with 400 INVALID_IP_ALLOWLIST, writing nothing", async () => {
    const t = setup();
    const alice = await t.signUp();
    const key = await t.createKey(alice, {
      name: "ci",
      allowedIps: [" 2001:DB8:0:0::1 ", "203.0.113.7", "203.0.113.7", "::ffff:198.51.100.9", "::ffff:198.51.100.0/120", "2001:db8::/32", "0.0.0.0/0"],
    });
    const normalized = ["2001:db8::1", "203.0.113.7", "198.51.100.9", "198.51.100.0/24", "2001:db8::/32", "0.0.0.0/0"];
    expect(key.allowedIps).toEqual(normalized);
    expect(JSON.parse((await t.storedKeysOf(alice))[0]!.allowedIps as string)).toEqual(normalized);

    const invalid = {
      empty: [],
      tooMany: Array.from({ length: MAX_ALLOWED_IPS + 1 }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`),
      hostBitsSet: ["10.1.2.3/8"],
      prefixTooLong: ["10.0.0.0/33"],
      ipv6PrefixTooLong: ["2001:db8::/129"],
      leadingZeroPrefix: ["10.0.0.0/08"],
      octetTooLarge: ["300.1.1.1"],
      shortIpv4: ["127.1"],
      octal: ["010.0.0.1"],
      zoneId: ["fe80::1%eth0"],
      hostname: ["example.com"],
      blank: [""],
      twoInOne: ["203.0.113.7 198.51.100.1"],
    };
    const refused: Record<string, unknown> = {};
    for (const [name, allowedIps] of Object.entries(invalid)) {
      const { status, body } = await t.json(await t.post("/api-key/create", alice, { name, allowedIps }));
      refused[name] = [status, body.code];
    }
    expect(refused).toEqual(Object.fromEntries(Object.keys(invalid).map((name) => [name, [400, "INVALID_IP_ALLOWLIST"]])));
    expect(await t.storedKeysOf(alice)).toHaveLength(1);

    const update = await t.json(await t.post("/api-key/update", alice, { id: key.id, allowedIps: ["10.1.2.3/8"], name: "renamed" }));
    expect(update).toMatchObject({ status: 400, body: { code: "INVALID_IP_ALLOWLIST" } });
    expect((await t.storedKeysOf(alice))[0]).toMatchObject({ name: "ci", allowedIps: JSON.stringify(normalized) });
    // Not an array of strings: the body's schema refuses it before our rule runs.
    expect((await t.post("/api-key/create", alice, { name: "k", allowedIps: "203.0.113.7" })).status).toBe(400);
  });

  it("lets the owner set, read and clear it; another user's key answers 404 and stays as it was", async () => {
    const t = setup();
    const alice = await t.signUp();
    const mallory = await t.signUp();
    const key = await t.createKey(alice, { name: "ci", allowedIps: ["203.0.113.7"] });
    const client = t.client(alice);

    const got = await client.$fetch<{ allowedIps: string[] | null }>("/api-key/get", { query: { id: key.id } });
    expect(got.data?.allowedIps).toEqual(["203.0.113.7"]);
    const listed = await client.$fetch<{ apiKeys: { id: string; allowedIps: string[] | null }[] }>("/api-key/list");
    expect(listed.data?.apiKeys).toEqual([expect.objectContaining({ id: key.id, allowedIps: ["203.0.113.7"] })]);

    const hijack = await t.json(await t.post("/api-key/update", mallory, { id: key.id, allowedIps: ["198.51.100.0/24"] }));
    expect(hijack).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    const lift = await t.json(await t.post("/api-key/update", mallory, { id: key.id, allowedIps: null }));
    expect(lift).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect((await t.storedKeysOf(alice))[0]!.allowedIps).toBe(JSON.stringify(["203.0.113.7"]));

    const changed = await client.$fetch<{ allowedIps: string[] | null }>("/api-key/update", { method: "POST", body: { id: key.id, allowedIps: ["2001:db8::/32"] } });
    expect(changed.data?.allowedIps).toEqual(["2001:db8::/32"]);
    const cleared = await client.$fetch<{ allowedIps: string[] | null }>("/api-key/update", { method: "POST", body: { id: key.id, allowedIps: null } });
    expect(cleared.data?.allowedIps).toBeNull();
    expect((await t.storedKeysOf(alice))[0]!.allowedIps).toBeNull();
  });

  it("is for server code only with clientIpAllowlist: false: owners get 403 IP_ALLOWLIST_NOT_ALLOWED, nothing written", async () => {
    const t = setup({ clientIpAllowlist: false });
    const alice = await t.signUp();
    const create = await t.json(await t.post("/api-key/create", alice, { name: "k", allowedIps: ["203.0.113.7"] }));
    expect(create).toMatchObject({ status: 403, body: { code: "IP_ALLOWLIST_NOT_ALLOWED" } });
    expect(await t.storedKeysOf(alice)).toHaveLength(0);

    const key = await t.serverKey(alice, { allowedIps: ["203.0.113.7"] });
    expect(key.allowedIps).toEqual(["203.0.113.7"]);
    for (const allowedIps of [null, ["0.0.0.0/0"], ["203.0.113.7"]]) {
      const update = await t.json(await t.post("/api-key/update", alice, { id: key.id, allowedIps }));
      expect(update).toMatchObject({ status: 403, body: { code: "IP_ALLOWLIST_NOT_ALLOWED" } });
    }
    expect((await t.storedKeysOf(alice))[0]!.allowedIps).toBe(JSON.stringify(["203.0.113.7"]));
    // The owner still manages the rest of the key.
    expect((await t.post("/api-key/update", alice, { id: key.id, name: "renamed" })).status).toBe(200);

    // Server code changes any owner's allowlist by id.
    const updated = await t.auth.api.updateApiKey({ body: { id: key.id, allowedIps: ["198.51.100.0/24"] } });
    expect(updated.allowedIps).toEqual(["198.51.100.0/24"]);
    expect(await t.from(key.key, "198.51.100.20")).toBe("ok");
    expect(await t.from(key.key, "203.0.113.7")).toBe("IP_NOT_ALLOWED");
    await expect(t.auth.api.updateApiKey({ body: { id: key.id, allowedIps: ["nowhere"] } })).rejects.toMatchObject({
      statusCode: 400,
      body: { code: "INVALID_IP_ALLOWLIST" },
    });
  });

  it("fails at startup on a clientIpAllowlist that is not a boolean", () => {
    expect(() => apiKey({ clientIpAllowlist: "no" as unknown as boolean })).toThrow(/"clientIpAllowlist" must be true or false/);
    expect(() => bearer({ clientIpAllowlist: 0 as unknown as boolean })).toThrow(/"clientIpAllowlist" must be true or false/);
  });

  it("reads a stored value another tool wrote defensively, and enforces it closed", async () => {
    const t = setup();
    const alice = await t.signUp();
    const key = await t.createKey(alice, { name: "ci" });
    const context = await t.auth.$context;
    for (const [stored, shown] of [
      ["not json", []],
      ['{"ip":"203.0.113.7"}', []],
      ['["203.0.113.7", 42, "garbage"]', ["203.0.113.7", "garbage"]],
    ] as const) {
      await context.adapter.update({ model: "apikey", where: [{ field: "id", value: key.id }], update: { allowedIps: stored } });
      await t.auth.api.updateApiKey({ body: { id: key.id, name: `ci ${shown.length}` } });
      const got = await t.auth.api.getApiKey({ query: { id: key.id } });
      expect(got.allowedIps).toEqual(shown);
      expect(await t.from(key.key, "198.51.100.1")).toBe("IP_NOT_ALLOWED");
      expect(await t.from(key.key, "203.0.113.7")).toBe(shown.length ? "ok" : "IP_NOT_ALLOWED");
    }
  });
});

describe(`IP allowlists on personal tokens [${adapter}]`, () => {
  it("are set on create and update, shown in lists, and enforced on Authorization: Bearer", async () => {
    const t = createTestAuth({ plugins: [bearer()] });
    const alice = await t.signUp();
    const created = await createToken(t, alice, { name: "cli", allowedIps: ["2001:db8::/32"] });
    expect(created).toMatchObject({ allowedIps: ["2001:db8::/32"] });
    const verifier = createVerifier(t.auth);
    const from = async (ip: string) => {
      const result = await verifier.authenticate({ authorization: `Bearer ${created.token}`, "x-forwarded-for": ip });
      return result.ok ? "ok" : result.code;
    };
    expect([await from("2001:db8:1::5"), await from("2001:db9::5"), await from("203.0.113.7")]).toEqual(["ok", "IP_NOT_ALLOWED", "IP_NOT_ALLOWED"]);

    const client = t.client(alice);
    const updated = await client.$fetch<{ allowedIps: string[] | null }>("/bearer/update-token", { method: "POST", body: { id: created.id, allowedIps: ["203.0.113.7"] } });
    expect(updated.data?.allowedIps).toEqual(["203.0.113.7"]);
    expect([await from("2001:db8:1::5"), await from("203.0.113.7")]).toEqual(["IP_NOT_ALLOWED", "ok"]);
    const listed = await client.$fetch<{ tokens: { id: string; allowedIps: string[] | null }[] }>("/bearer/list-tokens");
    expect(listed.data?.tokens).toEqual([expect.objectContaining({ id: created.id, allowedIps: ["203.0.113.7"] })]);

    const invalid = await client.$fetch("/bearer/update-token", { method: "POST", body: { id: created.id, allowedIps: ["203.0.113.7/33"] } });
    expect(invalid.error).toMatchObject({ status: 400, code: "INVALID_IP_ALLOWLIST" });
    await client.$fetch("/bearer/update-token", { method: "POST", body: { id: created.id, allowedIps: null } });
    expect(await from("198.51.100.1")).toBe("ok");

    const locked = createTestAuth({ plugins: [bearer({ clientIpAllowlist: false })] });
    const bob = await locked.signUp();
    await expect(createToken(locked, bob, { name: "cli", allowedIps: ["203.0.113.7"] })).rejects.toThrow("403 IP_ALLOWLIST_NOT_ALLOWED");
    const serverMade = await locked.auth.api.createPersonalToken({ body: { userId: bob.user.id, name: "ci", allowedIps: ["203.0.113.7"] } });
    registerCredential(serverMade.token);
    expect(serverMade.allowedIps).toEqual(["203.0.113.7"]);
  });
});

describe(`IP allowlists under remote verification [${adapter}]`, () => {
  const SERVICE = "invoices-service-token-0123456789abcdef";
  registerSecret(SERVICE);

  it("check the service's caller as the service says it (clientIp), never the service's own address", async () => {
    const t = createTestAuth({ plugins: [apiKey(), remoteVerification({ services: { invoices: SERVICE } })] });
    const alice = await t.signUp();
    const key = (await t.client(alice).$fetch<{ key: string }>("/api-key/create", { method: "POST", body: { name: "k", allowedIps: ["203.0.113.7"] } })).data!;
    const verify = async (body: Record<string, unknown>, forwardedFor = "203.0.113.7") => {
      const response = await t.request("/service/verify-credential", {
        method: "POST",
        headers: { authorization: `Bearer ${SERVICE}`, "x-forwarded-for": forwardedFor },
        body: JSON.stringify({ credential: key.key, ...body }),
      });
      return ((await response.json()) as { valid: boolean; code: string | null }).code ?? "ok";
    };
    expect(await verify({ clientIp: "203.0.113.7" }, "198.51.100.1")).toBe("ok");
    expect(await verify({ clientIp: "::ffff:203.0.113.7" }, "198.51.100.1")).toBe("ok");
    expect(await verify({ clientIp: "198.51.100.1" })).toBe("IP_NOT_ALLOWED");
    // The service's request comes from an allowed address, but says nothing of its caller's.
    expect(await verify({})).toBe("IP_NOT_ALLOWED");
  });
});
