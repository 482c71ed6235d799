import { createTestAuth, testAdapterName, type SignedUpUser } from "@better-auth-tokens/test-utils";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKey, bearer } from "../src/index";

const adapter = testAdapterName();
const seed = Number(process.env.FUZZ_SEED ?? 20261122);
// Every run makes at least 10,000 cases on the in-process databases; a networked database is
// bounded by time instead, and the count it reached is printed.
const budget = adapter === "postgres" ? { numRuns: 10_000, interruptAfterTimeLimit: 40_000 } : { numRuns: 10_000 };
const share = (part: number) => ({ ...budget, numRuns: Math.round(budget.numRuns * part) });

const t = createTestAuth({ plugins: [apiKey({ rateLimit: { max: 1_000_000, window: 60 } }), bearer()] });
let alice: SignedUpUser;
let validKey: string;
let validToken: string;

beforeAll(async () => {
  alice = await t.signUp();
  const key = await t.request("/api-key/create", { method: "POST", credential: alice, body: JSON.stringify({ name: "fuzz" }) });
  validKey = ((await key.json()) as { key: string }).key;
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

async function expectStableError(response: Response) {
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    const body = (await response.json()) as { code?: unknown };
    expect(typeof body.code).toBe("string");
  }
}

describe(`fuzzing [${adapter}] (seed ${seed})`, { timeout: 120_000 }, () => {
  it("never answers 5xx or gives a session for anything but a valid credential in the headers", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(headerValue, fc.constantFrom("authorization", "x-api-key"), fc.boolean(), async (value, header, bearerScheme) => {
        runs++;
        const sent = header === "authorization" && bearerScheme ? `Bearer ${value}` : value;
        // X-API-Key carries keys; Authorization carries keys and tokens, but only with the Bearer scheme.
        const isValid =
          header === "x-api-key" ? value === validKey : bearerScheme && (value === validKey || value === validToken);
        const session = await t.request("/get-session", { headers: { [header]: sent } });
        expect(session.status).toBeLessThan(500);
        if (session.status === 200) expect((await session.json()) !== null).toBe(isValid);
        await expectStableError(await t.request("/api-key/list", { headers: { [header]: sent } }));
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
  ] as const;

  const value = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }))),
  );

  it("never answers 5xx to any body, and every error carries a stable code", async () => {
    let runs = 0;
    const body = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...endpoints).chain((e) => fc.tuple(fc.constant(e), fc.dictionary(fc.constantFrom(...e.fields), value))) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...endpoints), fc.string({ maxLength: 200 })) },
    );
    await fc.assert(
      fc.asyncProperty(body, async ([endpoint, payload]) => {
        runs++;
        const raw = typeof payload === "string" ? payload : JSON.stringify(payload);
        await expectStableError(await t.request(endpoint.path, { method: endpoint.method, credential: alice, body: raw }));
      }),
      { ...share(0.5), seed },
    );
    console.log(`fuzz bodies: ${runs} cases over ${endpoints.length} endpoints, no 5xx, every error coded [${adapter}]`);
  });

  it("never answers 5xx to any query of /api-key/get", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.string({ maxLength: 20 }), async (id, extra) => {
        runs++;
        const query = new URLSearchParams({ id, [extra || "x"]: id });
        await expectStableError(await t.request(`/api-key/get?${query}`, { credential: alice }));
      }),
      { ...share(0.1), seed },
    );
    console.log(`fuzz queries: ${runs} cases, no 5xx [${adapter}]`);
  });
});
