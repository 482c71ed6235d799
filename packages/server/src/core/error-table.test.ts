import { createTestAuth } from "@better-auth-tokens/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiKey } from "../api-key";
import { bearer } from "../bearer";
import { TOKEN_ERROR_CODES, TOKEN_ERROR_DEFINITIONS, type TokenErrorCode } from "../error-codes";
import { createVerifier } from "../verifier";
import { credentialError } from "./credential-errors";
import { errorAnswer } from "./error-answer";

afterEach(() => vi.useRealTimers());

const CODES = Object.keys(TOKEN_ERROR_DEFINITIONS) as TokenErrorCode[];

describe("the error table", () => {
  it.each(CODES)("%s: an endpoint's APIError and the verifier's answer agree", (code) => {
    const error = credentialError(code, { retryAfterSeconds: 7 });
    const answer = errorAnswer(code, { retryAfterSeconds: 7 });
    expect(error.statusCode).toBe(answer.status);
    expect(error.body).toMatchObject(answer.body);
    expect(Object.fromEntries(new Headers(error.headers as HeadersInit))).toEqual(
      Object.fromEntries(new Headers(answer.headers)),
    );
    expect(answer.body).toEqual({ code, message: TOKEN_ERROR_CODES[code].message });
  });

  it.each(CODES)("%s: says why in the challenge (RFC 6750 §3) whenever a 401 or an error= is sent", (code) => {
    const { status, headers, body } = errorAnswer(code);
    const challenge = headers["WWW-Authenticate"];
    if (status === 401) expect(challenge).toBeDefined();
    if (challenge && challenge !== "Bearer") {
      expect(challenge).toMatch(/^Bearer error="(invalid_request|invalid_token|insufficient_scope)", error_description="[^"]+"$/);
      expect(challenge).toContain(`error_description="${body.message}"`);
    }
  });
});

describe("the session hook and createVerifier answer a refused credential alike", () => {
  async function setup() {
    const t = createTestAuth({ plugins: [apiKey({ rateLimit: { max: 2, window: 60 } }), bearer()] });
    const alice = await t.signUp();
    const client = t.client(alice);
    const create = async (body: Record<string, unknown>) =>
      (await client.$fetch<{ id: string; key: string }>("/api-key/create", { method: "POST", body: { name: "k", ...body } })).data!;
    const verifier = createVerifier(t.auth);
    /** The hook's answer (on an endpoint that is not /get-session) beside the verifier's. */
    const both = async (headers: Record<string, string>) => {
      const response = await t.request("/list-sessions", { headers });
      const viaHook = {
        status: response.status,
        code: ((await response.json()) as { code: string }).code,
        challenge: response.headers.get("www-authenticate"),
      };
      const verified = await verifier.authenticate(headers);
      const viaVerifier = verified.ok ? null : { status: verified.status, code: verified.code, challenge: verified.headers["WWW-Authenticate"] ?? null };
      return { viaHook, viaVerifier };
    };
    return { t, client, create, both };
  }

  it("for malformed, disabled, expired, doubled and rate-limited credentials, and a failing database", async () => {
    const s = await setup();
    const disabled = await s.create({});
    await s.client.$fetch("/api-key/update", { method: "POST", body: { id: disabled.id, enabled: false } });
    const expiring = await s.create({ expiresIn: 60 });
    const limited = await s.create({});
    const failing = await s.create({});

    const seen: Record<string, unknown> = {};
    const expectAlike = async (expected: TokenErrorCode, headers: Record<string, string>) => {
      const { viaHook, viaVerifier } = await s.both(headers);
      expect(viaHook).toEqual(viaVerifier);
      expect(viaHook.code).toBe(expected);
      seen[expected] = viaHook;
    };
    await expectAlike("INVALID_CREDENTIAL", { "x-api-key": "ba_not-a-key" });
    await expectAlike("KEY_DISABLED", { "x-api-key": disabled.key });
    await expectAlike("MULTIPLE_CREDENTIALS", { "x-api-key": limited.key, authorization: "Bearer bat_x" });
    // Two requests per round (hook, verifier) on a limit of 2: the second round is refused on both.
    await s.both({ "x-api-key": limited.key });
    const { viaHook, viaVerifier } = await s.both({ "x-api-key": limited.key });
    expect(viaHook).toEqual(viaVerifier);
    expect(viaHook.code).toBe("RATE_LIMITED");

    s.t.faults.intercept = () => {
      throw new Error("database down");
    };
    await expectAlike("VERIFICATION_UNAVAILABLE", { "x-api-key": failing.key });
    s.t.faults.intercept = undefined;

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    await expectAlike("KEY_EXPIRED", { "x-api-key": expiring.key });
    expect(Object.keys(seen)).toHaveLength(5);
  });
});
