import { createMemorySecondaryStorage, createTestAuth } from "@better-auth-tokens/test-utils";
import type { SecondaryStorage } from "better-auth";
import { admin } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import { setupBearer } from "../../test/support/bearer";
import { bearer, type BearerOptions } from "./index";

const PASSWORD = "correct-horse-battery";

/** POSTs an email and the sign-up password as a login form does: to /sign-in/email unless a test names another path. */
function postPassword(
  t: { request: ReturnType<typeof createTestAuth>["request"] },
  email: string,
  { path = "/sign-in/email", headers, fields }: { path?: string; headers?: HeadersInit; fields?: Record<string, unknown> } = {},
) {
  return t.request(path, {
    method: "POST",
    ...(headers ? { headers } : {}),
    body: JSON.stringify({ email, password: PASSWORD, ...fields }),
  });
}

function setup(options: BearerOptions = {}) {
  const t = setupBearer(options);
  // The login is Better Auth's /sign-in/email; the token is its set-auth-token header.
  const login = async (email: string) => {
    // No cookie and no Origin: a CLI or mobile app, not a browser.
    const response = await postPassword(t, email, { headers: { origin: "" } });
    const body = (await response.json()) as { user: { id: string } };
    return { response, body, token: response.headers.get("set-auth-token") ?? "" };
  };
  const withToken = (token: string) => t.protectedRoute({ authorization: `Bearer ${token}` });
  return { ...t, login, withToken };
}

/** Secondary storage written before `increment` was part of the interface: a refresh claims with `getAndDelete` then. */
function withoutIncrement(): SecondaryStorage {
  const { increment: _, ...rest } = createMemorySecondaryStorage();
  return rest as SecondaryStorage;
}

/** Where sessions are kept, each with its own refresh claim: name, secondary storage, storeSessionInDatabase. */
const SESSION_STORES: [string, () => SecondaryStorage | undefined, boolean][] = [
  ["the database", () => undefined, false],
  ["secondary storage", () => createMemorySecondaryStorage(), false],
  ["secondary storage without increment", withoutIncrement, false],
  ["secondary storage and the database", () => createMemorySecondaryStorage(), true],
];

describe("bearer(): login (/sign-in/email) → refresh → logout", () => {
  it("logs in, refreshes (old token dies, new one works), logs out (token dies)", async () => {
    const t = setup();
    const alice = await t.signUp();

    const { response, body, token } = await t.login(alice.user.email);
    expect(response.status).toBe(200);
    expect(body.user.id).toBe(alice.user.id);
    // Nowhere in the answer, at any depth: neither the password nor a password field.
    expect(JSON.stringify(body)).not.toContain(PASSWORD);
    expect(JSON.stringify(body)).not.toMatch(/"password"/i);
    expect((await t.withToken(token)).session?.user.id).toBe(alice.user.id);

    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    expect(refreshed.status).toBe(200);
    const { token: next } = (await refreshed.json()) as { token: string };
    expect(next).not.toBe(token);
    expect(refreshed.headers.get("set-auth-token")).toBe(next);
    expect((await t.withToken(token)).status).toBe(401);
    expect((await t.withToken(next)).session?.user.id).toBe(alice.user.id);

    const loggedOut = await t.request("/bearer/logout", { method: "POST", credential: { bearer: next } });
    expect(loggedOut.status).toBe(200);
    expect(await loggedOut.json()).toEqual({ success: true });
    expect((await t.withToken(next)).status).toBe(401);
    // The sign-up cookie is another session: logging one token out leaves it alone.
    expect((await t.protectedRoute(alice.headers)).status).toBe(200);
  });

  it("has no login route of its own: /sign-in/email is the login, with every control apps put on it", async () => {
    const t = setup();
    const alice = await t.signUp();
    const response = await postPassword(t, alice.user.email, { path: "/bearer/login" });
    expect(response.status).toBe(404);
    expect(response.headers.get("set-auth-token")).toBeNull();
  });

  it("gives /bearer/refresh sign-in's rate limit, which its path would otherwise escape", async () => {
    const t = createTestAuth({ plugins: [bearer()], options: { rateLimit: { enabled: true } } });
    const alice = await t.signUp();
    const client = { "x-forwarded-for": "203.0.113.7" };
    const signIn = await postPassword(t, alice.user.email, { headers: client });
    let token = signIn.headers.get("set-auth-token")!;
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const refreshed = await t.request("/bearer/refresh", { method: "POST", headers: client, credential: { bearer: token } });
      statuses.push(refreshed.status);
      if (refreshed.ok) token = ((await refreshed.json()) as { token: string }).token;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("refuses refresh and logout without a session (401) or with a personal token (403)", async () => {
    const t = setup();
    const alice = await t.signUp();
    const created = await t.createToken(alice, { name: "cli" });
    const answer = async (response: Response) => ({
      status: response.status,
      code: ((await response.json()) as { code?: string }).code,
      challenge: response.headers.get("www-authenticate"),
    });
    for (const path of ["/bearer/refresh", "/bearer/logout"]) {
      const unauthorized = { status: 401, code: "UNAUTHORIZED", challenge: "Bearer" };
      expect(await answer(await t.request(path, { method: "POST" }))).toEqual(unauthorized);
      expect(await answer(await t.request(path, { method: "POST", credential: { bearer: "not-a-session" } }))).toEqual(unauthorized);
      const withPersonalToken = await answer(await t.request(path, { method: "POST", credential: { bearer: created.token } }));
      expect(withPersonalToken).toMatchObject({ status: 403, code: "CREDENTIAL_NOT_ALLOWED" });
    }
    expect((await t.withToken(created.token)).status).toBe(200);
  });
});

describe("bearer(): upstream's session-token behaviour is kept", () => {
  it("sets set-auth-token on sign-in, and that token authenticates through Authorization: Bearer", async () => {
    const t = setup();
    const alice = await t.signUp();
    const response = await postPassword(t, alice.user.email);
    const token = response.headers.get("set-auth-token");
    expect(token).toBeTruthy();
    expect(response.headers.get("access-control-expose-headers")).toContain("set-auth-token");
    expect((await t.withToken(token!)).session?.user.id).toBe(alice.user.id);
    // The bare session token, as sign-up returned it, works too (upstream signs it itself).
    expect((await t.withToken(alice.sessionToken)).session?.user.id).toBe(alice.user.id);
  });

  it("with requireSignature, refuses bare session tokens but accepts login's and refresh's tokens", async () => {
    const t = setup({ requireSignature: true });
    const alice = await t.signUp();
    expect((await t.withToken(alice.sessionToken)).status).toBe(401);
    const { token } = await t.login(alice.user.email);
    expect((await t.withToken(token)).session?.user.id).toBe(alice.user.id);
    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    const { token: next } = (await refreshed.json()) as { token: string };
    expect((await t.withToken(next)).session?.user.id).toBe(alice.user.id);
    expect((await t.withToken(next.split(".")[0]!)).status).toBe(401);
  });
});

describe("bearer(): a refresh keeps what the old session carried", () => {
  const refresh = async (t: { request: ReturnType<typeof createTestAuth>["request"] }, token: string) => {
    const response = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };
  // disableRefresh: reading must not slide the expiry the test is about.
  type GetSession = (input: { headers: Headers; query: { disableRefresh: boolean } }) => Promise<unknown>;
  const sessionOf = async (t: { auth: { api: { getSession: GetSession } } }, token: string) =>
    (await t.auth.api.getSession({
      headers: new Headers({ authorization: `Bearer ${token}` }),
      query: { disableRefresh: true },
    })) as { user: { id: string }; session: { createdAt: Date; expiresAt: Date; impersonatedBy?: string | null } } | null;

  it("keeps an admin impersonation's impersonatedBy and its short expiry", async () => {
    const t = createTestAuth({ plugins: [bearer(), admin()] });
    const root = await t.signUp();
    const bob = await t.signUp();
    await (await t.auth.$context).internalAdapter.updateUser(root.user.id, { role: "admin" });
    const impersonating = await t.request("/admin/impersonate-user", {
      method: "POST",
      credential: root,
      body: JSON.stringify({ userId: bob.user.id }),
    });
    expect(impersonating.status).toBe(200);
    const token = impersonating.headers.get("set-auth-token")!;
    const before = (await sessionOf(t, token))!;
    expect(before.session.impersonatedBy).toBe(root.user.id);

    const after = (await sessionOf(t, await refresh(t, token)))!;
    expect(after.user.id).toBe(bob.user.id);
    expect(after.session.impersonatedBy).toBe(root.user.id);
    expect(after.session.expiresAt.getTime()).toBeLessThanOrEqual(before.session.expiresAt.getTime());
  });

  it("keeps a rememberMe: false session short-lived", async () => {
    const t = setup();
    const alice = await t.signUp();
    const signIn = await postPassword(t, alice.user.email, { fields: { rememberMe: false } });
    const token = signIn.headers.get("set-auth-token")!;
    const before = (await sessionOf(t, token))!;
    const oneDay = 24 * 3600 * 1000;
    expect(before.session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + oneDay);

    const after = (await sessionOf(t, await refresh(t, token)))!;
    expect(after.session.expiresAt.getTime()).toBeLessThanOrEqual(before.session.expiresAt.getTime());
  });

  it("gives a remembered session the full session lifetime again, as Better Auth's sliding refresh does", async () => {
    const t = setup();
    const alice = await t.signUp();
    const { token } = await t.login(alice.user.email);
    const before = (await sessionOf(t, token))!;
    const after = (await sessionOf(t, await refresh(t, token)))!;
    const sevenDays = 7 * 24 * 3600 * 1000;
    expect(after.session.expiresAt.getTime()).toBeGreaterThanOrEqual(before.session.expiresAt.getTime());
    expect(after.session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + sevenDays);
  });

  it("never extends a session when the app turns session refresh off", async () => {
    const t = createTestAuth({ plugins: [bearer()], options: { session: { disableSessionRefresh: true } } });
    const alice = await t.signUp();
    const before = (await sessionOf(t, alice.sessionToken))!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = (await sessionOf(t, await refresh(t, alice.sessionToken)))!;
    expect(after.session.expiresAt.getTime()).toBeLessThanOrEqual(before.session.expiresAt.getTime());
  });

  it("keeps the sign-in time, so a stale session stays stale for freshAge-guarded endpoints", async () => {
    const t = createTestAuth({ plugins: [bearer()], options: { session: { freshAge: 1 } } });
    const alice = await t.signUp();
    const listSessions = (token: string) => t.request("/list-sessions", { credential: { bearer: token } });
    expect((await listSessions(alice.sessionToken)).status).toBe(200);
    await expect.poll(async () => (await listSessions(alice.sessionToken)).status, { timeout: 3000, interval: 200 }).toBe(403);
    const before = (await sessionOf(t, alice.sessionToken))!;

    const next = await refresh(t, alice.sessionToken);
    const refused = await listSessions(next);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "SESSION_NOT_FRESH" });
    expect((await sessionOf(t, next))!.session.createdAt.getTime()).toBe(before.session.createdAt.getTime());
  });
});

describe("bearer(): a refresh keeps the session's returned: false fields too", () => {
  /** A field the app hides from clients and sets on password sign-ins only, as a step-up or audit marker would be. */
  const hiddenField = { signInMethod: { type: "string", required: false, input: false, returned: false } } as const;
  const STORES = [
    ["the database", () => ({ secondaryStorage: undefined })],
    ["secondary storage", () => ({ secondaryStorage: createMemorySecondaryStorage() })],
    ["secondary storage and the database", () => ({ secondaryStorage: createMemorySecondaryStorage(), session: { storeSessionInDatabase: true } })],
  ] as const;

  it.each(STORES)("carries them to the new session, with sessions in %s", async (_, store) => {
    const { session, ...rest } = { session: {}, ...store() };
    const t = createTestAuth({
      plugins: [bearer()],
      options: {
        ...rest,
        session: { ...session, additionalFields: hiddenField },
        databaseHooks: {
          session: {
            create: {
              before: async (data, ctx) => (ctx?.path === "/sign-in/email" ? { data: { ...data, signInMethod: "password" } } : undefined),
            },
          },
        },
      },
    });
    const alice = await t.signUp();
    const signIn = await postPassword(t, alice.user.email, { headers: { origin: "" } });
    const token = signIn.headers.get("set-auth-token")!;
    // What the store keeps, as the app's own server code would read it: hidden fields included.
    const stored = async (signed: string) => {
      const bare = signed.split(".")[0]!;
      const storage = t.auth.options.secondaryStorage;
      if (storage) return (JSON.parse((await storage.get(bare)) as string) as { session: Record<string, unknown> }).session;
      return (await t.rows("session")).find((row) => row.token === bare)!;
    };
    expect(await stored(token)).toMatchObject({ signInMethod: "password" });

    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    expect(refreshed.status).toBe(200);
    const { token: next } = (await refreshed.json()) as { token: string };
    expect(await stored(next)).toMatchObject({ signInMethod: "password" });
    // Still hidden from the client.
    const shown = await t.request("/get-session", { credential: { bearer: next } });
    expect(JSON.stringify(await shown.json())).not.toContain("signInMethod");
  });
});

describe("bearer(): a refresh that cannot read the stored session", () => {
  it("answers 503 STORAGE_UNAVAILABLE and leaves the token refreshable, with sessions in secondary storage and the database", async () => {
    const t = createTestAuth({
      plugins: [bearer()],
      options: { secondaryStorage: createMemorySecondaryStorage(), session: { storeSessionInDatabase: true } },
    });
    const alice = await t.signUp();
    const signIn = await postPassword(t, alice.user.email, { headers: { origin: "" } });
    const token = signIn.headers.get("set-auth-token")!;
    t.faults.intercept = (call) => {
      if (call.model === "session" && call.method === "findOne") throw new Error("connection reset");
    };
    const failed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    t.faults.intercept = undefined;
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ code: "STORAGE_UNAVAILABLE" });
    // Nothing was claimed: the same token refreshes once the database answers again.
    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    expect(refreshed.status).toBe(200);
  });
});

describe("bearer(): a refresh whose new session cannot be written", () => {
  /** Secondary storage whose writes fail while `failing` is set: a Redis that drops out for a moment. */
  const flaky = (storage: SecondaryStorage) => {
    const failing = { on: false, once: false };
    const set: SecondaryStorage["set"] = async (key, value, ttl) => {
      if (failing.on) {
        if (failing.once) failing.on = false;
        throw new Error("secondary storage is down (test fault)");
      }
      await storage.set(key, value, ttl);
    };
    return { storage: { ...storage, set }, failing };
  };
  // Without `increment`, the claim takes the old session out of the storage and a failure puts it
  // back: a storage down for the whole refresh would lose it, so there the write fails once.
  it.each(SESSION_STORES)("answers 503 and loses nothing, with sessions in %s: the same token refreshes once the store answers", async (name, store, inDatabase) => {
    const storage = store();
    const secondary = storage ? flaky(storage) : undefined;
    const t = createTestAuth({
      plugins: [bearer()],
      options: { secondaryStorage: secondary?.storage, session: { storeSessionInDatabase: inDatabase } },
    });
    const alice = await t.signUp();
    const signIn = await postPassword(t, alice.user.email, { headers: { origin: "" } });
    const token = signIn.headers.get("set-auth-token")!;
    const context = await t.auth.$context;
    const live = async () => (await context.internalAdapter.listSessions(alice.user.id, { onlyActiveSessions: true })).map((s) => s.token);
    const before = await live();

    // The new session's write fails once: the database's insert, or secondary storage's set.
    let failed = false;
    const failOnce = () => {
      if (failed) return false;
      failed = true;
      return true;
    };
    if (secondary && !inDatabase) {
      secondary.failing.on = true;
      secondary.failing.once = name.includes("without increment");
    } else {
      t.faults.intercept = (call) => {
        if (call.model === "session" && call.method === "create" && failOnce()) throw new Error("connection reset");
      };
    }
    const refused = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    t.faults.intercept = undefined;
    if (secondary) secondary.failing.on = false;
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: "STORAGE_UNAVAILABLE" });
    expect(refused.headers.get("set-auth-token")).toBeNull();
    // Nothing lost and nothing added: the old session still works and is the user's only one.
    expect(await live()).toEqual(before);
    expect(((await (await t.request("/get-session", { credential: { bearer: token } })).json()) as { user?: { id: string } } | null)?.user?.id).toBe(alice.user.id);

    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    expect(refreshed.status).toBe(200);
    const { token: next } = (await refreshed.json()) as { token: string };
    const session = async (credential: string) =>
      ((await (await t.request("/get-session", { credential: { bearer: credential } })).json()) as { user?: { id: string } } | null)?.user?.id;
    expect(await session(next)).toBe(alice.user.id);
    expect(await session(token)).toBeUndefined();
    expect((await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } })).status).toBe(401);
    const bare = (signed: string) => signed.split(".")[0]!;
    expect((await live()).sort()).toEqual([...before.filter((kept) => kept !== bare(token)), bare(next)].sort());
  });
});

describe("bearer(): parallel refreshes and a sign-out everywhere", () => {
  /** A networked storage without `increment`: every call takes a moment, as a round trip does. */
  function slowWithoutIncrement(): SecondaryStorage {
    const storage = withoutIncrement();
    const moment = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
    return {
      ...storage,
      get: async (key) => (await moment(), storage.get(key)),
      set: async (key, value, ttl) => (await moment(), storage.set(key, value, ttl)),
      delete: async (key) => (await moment(), storage.delete(key)),
      getAndDelete: async (key) => (await moment(), storage.getAndDelete!(key)),
    } as SecondaryStorage;
  }

  it("leaves the winner's session in the user's list, so /revoke-sessions ends it, with a storage without increment", async () => {
    for (let round = 0; round < 5; round += 1) {
      const t = createTestAuth({ plugins: [bearer()], options: { secondaryStorage: slowWithoutIncrement() } });
      const alice = await t.signUp();
      const signIn = await postPassword(t, alice.user.email, { headers: { origin: "" } });
      const token = signIn.headers.get("set-auth-token")!;
      const responses = await Promise.all(Array.from({ length: 5 }, () => t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } })));
      const ok = responses.filter((response) => response.status === 200);
      expect(ok).toHaveLength(1);
      const { token: next } = (await ok[0]!.json()) as { token: string };
      const signedIn = async (credential: string) =>
        ((await (await t.request("/get-session", { credential: { bearer: credential } })).json()) as { user?: unknown } | null)?.user !== undefined;
      expect(await signedIn(next)).toBe(true);
      expect((await t.request("/revoke-sessions", { method: "POST", credential: { bearer: next }, body: "{}" })).status).toBe(200);
      expect(await signedIn(next)).toBe(false);
    }
  });
});

describe("bearer(): a refresh that cannot delete the old session", () => {
  it.each([
    ["", () => createMemorySecondaryStorage()],
    [" without increment", withoutIncrement],
  ] as const)("answers 503 and leaves the token refreshable, with sessions in secondary storage%s and the database", async (_, store) => {
    const t = createTestAuth({
      plugins: [bearer()],
      options: { secondaryStorage: store(), session: { storeSessionInDatabase: true } },
    });
    const alice = await t.signUp();
    const signIn = await postPassword(t, alice.user.email, { headers: { origin: "" } });
    const token = signIn.headers.get("set-auth-token")!;
    t.faults.intercept = (call) => {
      if (call.model === "session" && call.method.startsWith("delete")) throw new Error("connection reset");
    };
    const failed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    t.faults.intercept = undefined;
    expect(failed.status).toBe(503);
    expect(failed.headers.get("set-auth-token")).toBeNull();
    const refreshed = await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } });
    expect(refreshed.status).toBe(200);
    expect((await t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } })).status).toBe(401);
  });
});

describe("bearer(): a session token can be refreshed once", () => {
  const liveSessions = async (t: Pick<ReturnType<typeof setupBearer>, "auth" | "rows">, userId: string) => {
    const context = await t.auth.$context;
    const listed = await context.internalAdapter.listSessions(userId, { onlyActiveSessions: true });
    const rows = (await t.rows("session")).filter((row) => row.userId === userId);
    return { listed: listed.length, rows: rows.length };
  };

  it("answers 10 parallel refreshes of one token with exactly one 200, and adds no session", async () => {
    const t = setup();
    const alice = await t.signUp();
    const { token } = await t.login(alice.user.email);
    const before = await liveSessions(t, alice.user.id);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } })),
    );
    const ok = responses.filter((response) => response.status === 200);
    expect(ok).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
    expect(await liveSessions(t, alice.user.id)).toEqual(before);
    const { token: next } = (await ok[0]!.json()) as { token: string };
    expect((await t.withToken(next)).session?.user.id).toBe(alice.user.id);
    expect((await t.withToken(token)).status).toBe(401);
  });

  it.each(SESSION_STORES)("lets one of 10 parallel refreshes through and leaves no session behind, with sessions in %s", async (_, store, inDatabase) => {
    const t = setupBearer({}, { options: { secondaryStorage: store(), session: { storeSessionInDatabase: inDatabase } } });
    const alice = await t.signUp();
    const signIn = await postPassword(t, alice.user.email, { headers: { origin: "" } });
    const token = signIn.headers.get("set-auth-token")!;
    const before = await liveSessions(t, alice.user.id);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.request("/bearer/refresh", { method: "POST", credential: { bearer: token } })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, ...Array(9).fill(401)]);
    expect(await liveSessions(t, alice.user.id)).toEqual(before);
    const { token: next } = (await responses.find((response) => response.status === 200)!.json()) as { token: string };
    expect((await t.protectedRoute({ authorization: `Bearer ${next}` })).session?.user.id).toBe(alice.user.id);
    expect((await t.protectedRoute({ authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it("holds across two server instances sharing the database and secondary storage", async () => {
    const t = setup();
    const other = createTestAuth({
      plugins: [bearer()],
      shareStorageWith: t,
      options: { secondaryStorage: t.auth.options.secondaryStorage },
    });
    const alice = await t.signUp();
    const { token } = await t.login(alice.user.email);
    const before = await liveSessions(t, alice.user.id);

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other : t).request("/bearer/refresh", { method: "POST", credential: { bearer: token } }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, ...Array(9).fill(401)]);
    expect(await liveSessions(t, alice.user.id)).toEqual(before);
  });
});
