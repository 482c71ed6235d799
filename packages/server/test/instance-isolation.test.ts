import { createTestAuth, summarizeAdapterCalls } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey } from "../src/api-key";
import { createVerifier } from "../src/verifier";

describe("one apiKey() object in two betterAuth() instances", () => {
  it("keeps each instance's keys, cache and limits to itself", async () => {
    // One plugin object, as an app that builds its auth config once and reuses it would pass it.
    const plugin = apiKey({ rateLimit: { max: 2, window: 60 } });
    const a = createTestAuth({ plugins: [plugin] });
    const b = createTestAuth({ plugins: [plugin] });
    const alice = await a.signUp();
    await b.signUp();
    const { data: created } = await a.client(alice).$fetch<{ key: string }>("/api-key/create", {
      method: "POST",
      body: { name: "on A" },
    });
    const headers = { "x-api-key": created!.key };

    const onA = createVerifier(a.auth);
    const onB = createVerifier(b.auth);
    expect(await onA.authenticate(headers)).toMatchObject({ ok: true, user: { id: alice.user.id } });
    // B has never seen the key: it reads its own database (a miss) instead of A's warm cache.
    const mark = b.adapterCalls.length;
    expect(await onB.authenticate(headers)).toMatchObject({ ok: false, code: "INVALID_CREDENTIAL" });
    expect(summarizeAdapterCalls(b.adapterCalls.slice(mark)).reads).toBeGreaterThan(0);
    // A's limit counts A's requests only.
    expect(await onA.authenticate(headers)).toMatchObject({ ok: true });
    expect(await onA.authenticate(headers)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await b.auth.api.getSession({ headers: new Headers(headers) })).toBeNull();
  });

  it("publishes only the prefix and how keys are read (header names, getters) in the plugin's options", () => {
    expect(apiKey({ prefix: "zb_" }).options).toEqual({ credentialPrefix: "zb_", apiKeyHeaders: ["x-api-key"], apiKeyGetters: [] });
    const customAPIKeyGetter = () => null;
    const pepper = "pepper-that-must-never-be-published-0123456789";
    const published = apiKey({ customAPIKeyGetter, hashing: { algorithm: "hmac-sha256", pepper } }).options;
    expect(published).toEqual({ credentialPrefix: "ba_", apiKeyHeaders: ["x-api-key"], apiKeyGetters: [customAPIKeyGetter] });
  });
});
