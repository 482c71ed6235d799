import { createTestAuth } from "@better-auth-tokens/test-utils";
import { createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { admin, organization } from "better-auth/plugins";
import { describe, expect, it, vi } from "vitest";
import { createToken } from "../../test/support/bearer";
import { apiKey } from "../api-key";
import { bearer } from "../bearer";
import type { CredentialEvent } from "./credential-events";

type OnEvent = (event: CredentialEvent) => void;
const orders = {
  "ours first": (onEvent?: OnEvent) => [apiKey({ organizationKeys: true, onEvent }), bearer({ onEvent }), admin(), organization()],
  "Better Auth's first": (onEvent?: OnEvent) => [admin(), organization(), bearer({ onEvent }), apiKey({ organizationKeys: true, onEvent })],
};

async function setup(order: keyof typeof orders, options: NonNullable<Parameters<typeof createTestAuth>[0]>["options"] = {}, onEvent?: OnEvent) {
  const t = createTestAuth({ plugins: orders[order](onEvent), options });
  const root = await t.signUp();
  const bob = await t.signUp();
  await (await t.auth.$context).internalAdapter.updateUser(root.user.id, { role: "admin" });
  const post = (path: string, credential: NonNullable<Parameters<typeof t.request>[1]>["credential"], body: unknown) =>
    t.request(path, { method: "POST", credential, body: JSON.stringify(body) });
  const bobsKey = (await (await post("/api-key/create", bob, { name: "bob's" })).json()) as { id: string; key: string };
  const bobsToken = await createToken(t, bob, { name: "bob's token" });
  const org = (await (await post("/organization/create", bob, { name: "Bob Inc", slug: "bob-inc" })).json()) as { id: string };
  const impersonating = await post("/admin/impersonate-user", root, { userId: bob.user.id });
  expect(impersonating.status).toBe(200);
  // The answer first clears the admin's cookies, then sets the impersonated session's: the last of each name counts.
  const cookies = new Map(impersonating.headers.getSetCookie().map((line) => line.split(";")[0]!.split("=") as [string, string]));
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const impersonated = { headers: { cookie } };
  const asBearer = { bearer: impersonating.headers.get("set-auth-token")! };
  const { session } = (await impersonating.json()) as { session: { token: string } };
  return { t, root, bob, bobsKey, bobsToken, org, impersonated, asBearer, sessionToken: session.token, post };
}

describe.each(Object.keys(orders) as (keyof typeof orders)[])("an admin impersonating a user, %s", (order) => {
  it("cannot create or roll the user's keys and tokens: they would outlive the impersonation", async () => {
    const { t, bobsKey, bobsToken, org, impersonated, post } = await setup(order);
    const keysBefore = await t.rows("apikey");
    const session = await t.auth.api.getSession({ headers: new Headers(impersonated.headers) });
    expect(session?.session).toMatchObject({ impersonatedBy: expect.any(String) });

    for (const [path, body] of [
      ["/api-key/create", { name: "persist" }],
      ["/api-key/create", { name: "persist", organizationId: org.id }],
      ["/api-key/roll", { id: bobsKey.id }],
      ["/bearer/create-token", { name: "persist" }],
      ["/bearer/roll-token", { id: bobsToken.id }],
    ] as const) {
      const response = await post(path, impersonated, body);
      expect({ path, status: response.status, body: await response.json() }).toEqual({
        path,
        status: 403,
        body: expect.objectContaining({ code: "IMPERSONATED_SESSION" }),
      });
    }
    // A server call that forwards the impersonated request's headers is that request.
    await expect(t.auth.api.createApiKey({ headers: new Headers(impersonated.headers), body: { name: "via server" } })).rejects.toMatchObject({
      status: "FORBIDDEN",
      body: { code: "IMPERSONATED_SESSION" },
    });
    expect(await t.rows("apikey")).toEqual(keysBefore);
  });

  it("can still see, disable and revoke them, which gives nothing away", async () => {
    const { t, bob, bobsKey, bobsToken, impersonated, post } = await setup(order);
    expect((await t.request("/api-key/list", { credential: impersonated })).status).toBe(200);
    expect((await post("/api-key/update", impersonated, { id: bobsKey.id, enabled: false })).status).toBe(200);
    expect((await post("/api-key/revoke", impersonated, { id: bobsKey.id })).status).toBe(200);
    expect((await post("/bearer/revoke-token", impersonated, { id: bobsToken.id })).status).toBe(200);
    // The user, signed in as themselves, still creates keys.
    expect((await post("/api-key/create", bob, { name: "mine" })).status).toBe(200);
  });

  it("cannot widen them either: re-enabling, loosening the IP allowlist or raising a quota answers 403 and writes nothing", async () => {
    const events: CredentialEvent[] = [];
    const { t, bob, bobsKey, bobsToken, org, impersonated, asBearer, post } = await setup(order, {}, (event) => void events.push(event));
    const orgKey = (await (await post("/api-key/create", bob, { name: "bob inc's", organizationId: org.id })).json()) as { id: string };
    const credentials = [
      ["/api-key/update", bobsKey.id],
      ["/api-key/update", orgKey.id],
      ["/bearer/update-token", bobsToken.id],
    ] as const;
    const answer = async (response: Response) => ({ status: response.status, code: ((await response.json()) as { code?: string }).code });

    // Disabling narrows: open to the admin, as the user's own "stop this leaked key" would be.
    for (const [path, id] of credentials) expect(await answer(await post(path, impersonated, { id, enabled: false }))).toEqual({ status: 200, code: undefined });
    const rowsBefore = await t.rows("apikey");

    const [outcomes, refusals] = [[] as unknown[], [] as unknown[]];
    for (const [path, id] of credentials) {
      for (const widening of [
        { enabled: true },
        { allowedIps: ["203.0.113.7"] },
        { allowedIps: null },
        { remaining: 1000 },
        // One widening field refuses the whole call: not even the name changes.
        { name: "renamed", enabled: true },
        ...(path === "/api-key/update" ? [{ permissions: { files: ["write"] } }] : []),
      ]) {
        for (const [via, credential] of [["cookie", impersonated], ["bearer", asBearer]] as const) {
          outcomes.push({ path, via, widening, ...(await answer(await post(path, credential, { id, ...widening }))) });
          refusals.push({ path, via, widening, status: 403, code: "IMPERSONATED_SESSION" });
        }
      }
    }
    expect(outcomes).toEqual(refusals);
    // A server call that forwards the impersonated request's headers is that request.
    const headers = new Headers(impersonated.headers);
    await expect(t.auth.api.updateApiKey({ headers, body: { id: bobsKey.id, enabled: true } })).rejects.toMatchObject({ body: { code: "IMPERSONATED_SESSION" } });
    await expect(t.auth.api.updatePersonalToken({ headers, body: { id: bobsToken.id, enabled: true } })).rejects.toMatchObject({
      body: { code: "IMPERSONATED_SESSION" },
    });
    expect(await t.rows("apikey")).toEqual(rowsBefore);

    // Renaming (and, on a key, its description and metadata) says nothing about what the credential may do.
    const renames = [{ name: "renamed", description: "seen by support", metadata: { ticket: 42 } }, { name: "renamed" }, { name: "renamed" }];
    for (const [index, [path, id]] of credentials.entries()) {
      const response = await post(path, impersonated, { id, ...(path === "/api-key/update" ? renames[index] : { name: "renamed" }) });
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: expect.objectContaining({ name: "renamed", enabled: false }) });
    }
    // Events arrive in order: the renames' last means any refusal's would be here too.
    await vi.waitFor(() => expect(events.filter((event) => event.type === "updated")).toHaveLength(6), 5_000);
    expect(events.filter((event) => event.type === "updated").map((event) => event.type === "updated" && event.changed.toSorted())).toEqual([
      ["enabled"],
      ["enabled"],
      ["enabled"],
      ["description", "metadata", "name"],
      ["name"],
      ["name"],
    ]);

    // Server code (no headers) still may: it is where the app checks and records who asked.
    expect(await t.auth.api.updateApiKey({ body: { id: bobsKey.id, enabled: true, allowedIps: null } })).toMatchObject({ enabled: true });
    expect(await t.auth.api.updatePersonalToken({ body: { id: bobsToken.id, enabled: true } })).toMatchObject({ enabled: true });
  });

  it.each([
    ["without a cookie cache", {}],
    ["with Better Auth's cookie cache on", { session: { cookieCache: { enabled: true } } }],
    [
      "with the cookie cache on and impersonatedBy hidden (returned: false)",
      { session: { cookieCache: { enabled: true }, additionalFields: { impersonatedBy: { type: "string", required: false, returned: false } } } },
    ],
  ] as const)("names the admin in the events of what they did as the user, %s", async (_case, options) => {
    const events: CredentialEvent[] = [];
    const { root, bob, bobsKey, bobsToken, org, impersonated, asBearer, post } = await setup(order, options, (event) => void events.push(event));
    const orgKey = (await (await post("/api-key/create", bob, { name: "bob inc's", organizationId: org.id })).json()) as { id: string };
    const byBob = { type: "user", userId: bob.user.id };
    const asBob = { ...byBob, impersonatedBy: root.user.id };

    for (const [path, body] of [
      ["/api-key/update", { id: bobsKey.id, enabled: false }],
      ["/api-key/update", { id: orgKey.id, name: "renamed" }],
      ["/bearer/update-token", { id: bobsToken.id, name: "renamed" }],
      ["/api-key/revoke", { id: bobsKey.id }],
    ] as const) {
      expect((await post(path, impersonated, body)).status).toBe(200);
    }
    // Over Bearer, the impersonated session's own token.
    expect((await post("/bearer/revoke-token", asBearer, { id: bobsToken.id })).status).toBe(200);
    // Deleting the organization revokes its keys, in an after hook that reads the session itself.
    expect((await post("/organization/delete", impersonated, { organizationId: org.id })).status).toBe(200);

    await vi.waitFor(() => expect(events.filter((event) => event.type === "revoked")).toHaveLength(3), 5_000);
    // toStrictEqual: the user's own events carry no impersonatedBy key at all, not even undefined.
    expect(events.map((event) => ("actor" in event ? [event.type, event.credentialId, event.actor] : [event.type]))).toStrictEqual([
      ["created", bobsKey.id, byBob],
      ["created", bobsToken.id, byBob],
      ["created", orgKey.id, byBob],
      ["updated", bobsKey.id, asBob],
      ["updated", orgKey.id, asBob],
      ["updated", bobsToken.id, asBob],
      ["revoked", bobsKey.id, asBob],
      ["revoked", bobsToken.id, asBob],
      ["revoked", orgKey.id, asBob],
    ]);
    // The same calls by Bob himself name Bob alone.
    const own = (await (await post("/api-key/create", bob, { name: "own" })).json()) as { id: string };
    expect((await post("/api-key/revoke", bob, { id: own.id })).status).toBe(200);
    await vi.waitFor(() => expect(events.filter((event) => event.type === "revoked")).toHaveLength(4), 5_000);
    expect(events.at(-1)).toMatchObject({ type: "revoked", credentialId: own.id });
    expect((events.at(-1) as { actor: unknown }).actor).toStrictEqual(byBob);
  });

  it.each([
    ["without a cookie cache", {}],
    ["with Better Auth's cookie cache on", { session: { cookieCache: { enabled: true } } }],
    [
      "with the cookie cache on and impersonatedBy hidden (returned: false)",
      { session: { cookieCache: { enabled: true }, additionalFields: { impersonatedBy: { type: "string", required: false, returned: false } } } },
    ],
  ] as const)("names the admin in the revoked events of the user they deleted as the user (/delete-user), %s", async (_case, options) => {
    const events: CredentialEvent[] = [];
    const { root, bob, bobsKey, bobsToken, impersonated, post } = await setup(order, { ...options, user: { deleteUser: { enabled: true } } }, (event) => void events.push(event));
    expect((await post("/delete-user", impersonated, {})).status).toBe(200);
    await vi.waitFor(() => expect(events.filter((event) => event.type === "revoked")).toHaveLength(2), 5_000);
    const revoked = events.filter((event) => event.type === "revoked").map((event) => [event.credentialId, event.actor]);
    expect(revoked.toSorted(([a], [b]) => String(a).localeCompare(String(b)))).toStrictEqual(
      [bobsKey.id, bobsToken.id].toSorted((a, b) => a.localeCompare(b)).map((id) => [id, { type: "user", userId: bob.user.id, impersonatedBy: root.user.id }]),
    );
  });

  it.each([
    ["alone", undefined],
    ["after an app hook that read the session from the cookie cache", { before: createAuthMiddleware(async (ctx) => void (await getSessionFromCtx(ctx))) }],
  ])("reads the session row, %s, not a cached cookie that may hide impersonatedBy, and refuses without sliding its expiry", async (_case, hooks) => {
    const hidden = { session: { cookieCache: { enabled: true }, additionalFields: { impersonatedBy: { type: "string", required: false, returned: false } } } } as const;
    const { t, impersonated, asBearer, sessionToken, post } = await setup(order, { ...hidden, hooks });
    // Through Better Auth, which reads secondaryStorage where sessions live there.
    const context = await t.auth.$context;
    const expiryOf = async () => (await context.internalAdapter.findSession(sessionToken))!.session.expiresAt.getTime();
    const [keysBefore, expiresAt] = [await t.rows("apikey"), await expiryOf()];

    for (const credential of [impersonated, asBearer]) {
      const response = await post("/api-key/create", credential, { name: "persist" });
      expect({ status: response.status, code: ((await response.json()) as { code?: string }).code }).toEqual({ status: 403, code: "IMPERSONATED_SESSION" });
    }
    expect(await t.rows("apikey")).toEqual(keysBefore);
    // The impersonation stays as short as it was made: a refusal does not extend it.
    expect(await expiryOf()).toBe(expiresAt);
  });
});
