import { createTestAuth, testAdapterName, type SignedUpUser } from "@better-auth-tokens/test-utils";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKey, bearer } from "../src/index";

const adapter = testAdapterName();
const seed = Number(process.env.FUZZ_SEED ?? 20261122);
// Every run makes 10,000 cases on memory, where a case costs least. The other databases see
// 2,000 each, for what only they can get wrong (a value an adapter or a column refuses): most
// inputs are refused before any database read, so more cases there would retest the same parsing
// at ten times the cost. The count is the goal; the time bound is a fuse against a hang. The file
// runs in a vitest run of its own (`pnpm --filter @better-auth-tokens/server test:fuzz`), after the
// other suites, because on a 2-core machine shared with them it reached a sixth of its cases.
const budget = adapter === "memory" ? { numRuns: 10_000, interruptAfterTimeLimit: 150_000 } : { numRuns: 2_000, interruptAfterTimeLimit: 30_000 };
const share = (part: number) => ({
  numRuns: Math.round(budget.numRuns * part),
  interruptAfterTimeLimit: Math.round(budget.interruptAfterTimeLimit * part),
});

const t = createTestAuth({ plugins: [apiKey({ rateLimit: { max: 1_000_000, window: 60 } }), bearer()] });
let alice: SignedUpUser;
let validKey: string;
let validToken: string;
let validKeyId: string;

beforeAll(async () => {
  alice = await t.signUp();
  const key = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "fuzz" }) });
  ({ key: validKey, id: validKeyId } = (await key.json()) as { key: string; id: string });
  const token = await t.request("/bearer/create-token", { method: "POST", credential: alice, body: JSON.stringify({ name: "fuzz" }) });
  validToken = ((await token.json()) as { token: string }).token;
});

/** Header values a client could really send: Latin-1 (what HTTP carries), no CR/LF, up to 512 chars. */
const headerValue = fc.oneof(
  // The real credentials too, so the property also sees the one input that must succeed.
  fc.constantFrom("key", "token").map((which) => (which === "key" ? validKey : validToken)),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 512 }),
  fc.constantFrom("ba_", "bat_", "Bearer", "Bearer ", "ba_" + "0".repeat(38), "bat_" + "A".repeat(38)),
  fc.tuple(fc.constantFrom("ba_", "bat_", ""), fc.stringMatching(/^[0-9A-Za-z]{20,45}$/)).map(([p, rest]) => p + rest),
);

/** No 5xx, and every refusal says which with a stable code; returns the status and body. */
async function expectStableOutcome(response: Response) {
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  expect(response.status).toBeLessThan(500);
  expect({ status: response.status, coded: response.status < 400 || typeof body?.code === "string" }).toMatchObject({ coded: true });
  return { status: response.status, body };
}

const apiKeyRows = async () => (await t.auth.$context).adapter.count({ model: "apikey" });

/** Names that are also Object.prototype members: a plain lookup would find them on every object. */
const PROTOTYPE_NAMES = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"] as const;
const FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"] as const;
const nest = (depth: number): unknown => (depth === 0 ? 1 : { a: nest(depth - 1) });

describe(`fuzzing [${adapter}] (seed ${seed})`, { timeout: 180_000 }, () => {
  it("never answers 5xx or gives a session for anything but a valid credential in the headers", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(headerValue, fc.constantFrom("authorization", "x-api-key"), fc.boolean(), async (value, header, bearerScheme) => {
        runs++;
        const sent = header === "authorization" && bearerScheme ? `Bearer ${value}` : value;
        // X-API-Key carries keys; Authorization carries keys and tokens, but only with the Bearer scheme.
        const isValid =
          header === "x-api-key" ? value === validKey : bearerScheme && (value === validKey || value === validToken);
        // A bad credential fails closed: 200 with no session, never an error and never a session.
        const session = await t.request("/get-session", { headers: { [header]: sent } });
        expect({ status: session.status, session: (await session.json()) !== null }).toEqual({ status: 200, session: isValid });
        await expectStableOutcome(await t.request("/api-key/list", { headers: { [header]: sent } }));
      }),
      { ...share(0.4), seed },
    );
    console.log(`fuzz headers: ${runs} cases, no 5xx, no session without a valid credential [${adapter}]`);
  });

  const endpoints = [
    { path: "/api-key/create", method: "POST", fields: ["name", "description", "expiresIn", "permissions", "metadata", "userId"] },
    { path: "/api-key/update", method: "POST", fields: ["id", "name", "description", "enabled", "metadata", "permissions"] },
    { path: "/api-key/revoke", method: "POST", fields: ["id"] },
    { path: "/bearer/create-token", method: "POST", fields: ["name", "expiresIn", "userId"] },
    { path: "/bearer/revoke-token", method: "DELETE", fields: ["id"] },
    { path: "/api-key/roll", method: "POST", fields: ["id", "gracePeriod"] },
    { path: "/bearer/roll-token", method: "POST", fields: ["id", "gracePeriod"] },
  ] as const;

  /** Inputs that once reached a 500 or a half-written row: sent as JSON, so `__proto__` stays a key. */
  const hostile = fc.oneof(
    fc.constantFrom(...FORBIDDEN_KEYS).map((key) => JSON.parse(`{"${key}":{"admin":true}}`) as unknown),
    fc.constantFrom(...FORBIDDEN_KEYS).map((key) => JSON.parse(`{"a":[{"${key}":{"admin":true}}]}`) as unknown),
    fc.integer({ min: 1, max: 40 }).map(nest),
    fc.integer({ min: 7 * 1024, max: 20 * 1024 }).map((size) => ({ big: "x".repeat(size) })),
    fc
      .string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 4 })
      .map((control) => `text${control}text`),
    fc.constantFrom(...PROTOTYPE_NAMES).map((name) => [name]),
    fc.constantFrom(...PROTOTYPE_NAMES).map((name) => Object.fromEntries([[name, ["read"]]])),
  );

  const value = fc.oneof(
    { weight: 3, arbitrary: hostile },
    fc.string({ maxLength: 80 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }))),
  );

  it("never answers 5xx to any body, every error carries a stable code, and rows grow only on 200", async () => {
    let runs = 0;
    const body = fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .constantFrom(...endpoints)
          .chain((e) => fc.tuple(fc.constant(e), fc.dictionary(fc.constantFrom(...e.fields), value), fc.boolean())),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...endpoints), fc.string({ maxLength: 200 }), fc.constant(false)) },
    );
    await fc.assert(
      fc.asyncProperty(body, async ([endpoint, payload, aimAtRealKey]) => {
        runs++;
        // Updates also aim at a real key, so hostile changes meet a row they could damage.
        if (aimAtRealKey && typeof payload === "object" && endpoint.path === "/api-key/update") payload.id = validKeyId;
        const raw = typeof payload === "string" ? payload : JSON.stringify(payload);
        const rowsBefore = await apiKeyRows();
        const { status, body: answer } = await expectStableOutcome(
          await t.request(endpoint.path, { method: endpoint.method, credential: alice, body: raw }),
        );
        const created = status === 200 && (endpoint.path === "/api-key/create" || endpoint.path === "/bearer/create-token");
        // Rows grow only on a successful create; nothing else (a refusal above all) adds or removes one.
        expect(await apiKeyRows()).toBe(rowsBefore + (created ? 1 : 0));
        // Whatever was written can be read and revoked again (and is, keeping the cap free).
        if (created) {
          const id = String(answer!.id);
          const revoke = endpoint.path === "/api-key/create" ? "/api-key/revoke" : "/bearer/revoke-token";
          const read = endpoint.path === "/api-key/create" ? `/api-key/get?id=${encodeURIComponent(id)}` : "/bearer/list-tokens";
          expect((await t.request(read, { credential: alice })).status).toBe(200);
          expect((await t.request(revoke, { method: "POST", credential: alice, body: JSON.stringify({ id }) })).status).toBe(200);
        }
        expect((await t.request(`/api-key/get?id=${validKeyId}`, { credential: alice })).status).toBe(200);
      }),
      { ...share(0.5), seed },
    );
    console.log(`fuzz bodies: ${runs} cases over ${endpoints.length} endpoints, no 5xx, every error coded, rows only on 200 [${adapter}]`);
  });

  it("never answers 5xx to any query of /api-key/get", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.string({ maxLength: 20 }), async (id, extra) => {
        runs++;
        const query = new URLSearchParams({ id, [extra || "x"]: id });
        await expectStableOutcome(await t.request(`/api-key/get?${query}`, { credential: alice }));
      }),
      { ...share(0.1), seed },
    );
    console.log(`fuzz queries: ${runs} cases, no 5xx [${adapter}]`);
  });
});
