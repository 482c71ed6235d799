import { bearer } from "@better-auth-tokens/server";
import { createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expectTypeOf, it } from "vitest";
import { bearerClient } from "./bearer-client";
import { readBearerCode, requestBearerCode } from "./bearer-sign-in-code";

// Type tests are compiled, never run: the instance only exists to infer the client's type.
const client = createTestAuth({ plugins: [bearer()], clientPlugins: [bearerClient()] }).client();

describe("bearerClient() types", () => {
  it("types the token as a string after createToken, shown with id, name and dates", async () => {
    const { data } = await client.bearer.createToken({ name: "CLI", expiresIn: 3600 });
    expectTypeOf(data!.token).toEqualTypeOf<string>();
    expectTypeOf(data!.id).toEqualTypeOf<string>();
    expectTypeOf(data!.expiresAt).toEqualTypeOf<Date | null>();
  });
  it("accepts expiresIn: null and requires a name on createToken", () => {
    void client.bearer.createToken({ name: "forever", expiresIn: null });
    // @ts-expect-error: name is required
    void client.bearer.createToken({});
  });
  it("gives listTokens items no token, and lastUsedAt as a date or null", async () => {
    const { data } = await client.bearer.listTokens();
    const item = data!.tokens[0]!;
    expectTypeOf(item).not.toHaveProperty("token");
    expectTypeOf(item).toEqualTypeOf<{
      id: string;
      name: string;
      enabled: boolean;
      allowedIps: string[] | null;
      createdAt: Date;
      lastUsedAt: Date | null;
      lastUsedIp: string | null;
      lastUsedUserAgent: string | null;
      expiresAt: Date | null;
      remaining: number | null;
      refillAmount: number | null;
      refillInterval: number | null;
      lastRefillAt: Date | null;
      previousSecretExpiresAt: Date | null;
    }>();
  });
  it("takes a usage quota on createToken and shows it", async () => {
    const { data } = await client.bearer.createToken({ name: "metered", remaining: 1000, refillAmount: 1000, refillInterval: 86_400_000 });
    expectTypeOf(data!.remaining).toEqualTypeOf<number | null>();
    expectTypeOf(data!.lastRefillAt).toEqualTypeOf<Date | null>();
    // @ts-expect-error: refillInterval is a number of milliseconds
    void client.bearer.createToken({ name: "metered", refillInterval: "1d" });
  });
  it("takes an IP allowlist on createToken and updateToken, and shows it", async () => {
    const { data } = await client.bearer.createToken({ name: "cli", allowedIps: ["2001:db8::/32"] });
    expectTypeOf(data!.allowedIps).toEqualTypeOf<string[] | null>();
    const { data: updated } = await client.bearer.updateToken({ id: "x", allowedIps: null });
    expectTypeOf(updated!.allowedIps).toEqualTypeOf<string[] | null>();
    // @ts-expect-error: a list of addresses, never one string
    void client.bearer.updateToken({ id: "x", allowedIps: "203.0.113.7" });
  });
  it("types rollToken: id required, gracePeriod optional, the new token and when the previous one stops", async () => {
    const { data } = await client.bearer.rollToken({ id: "x", gracePeriod: 0 });
    expectTypeOf(data!.token).toEqualTypeOf<string>();
    expectTypeOf(data!.id).toEqualTypeOf<string>();
    expectTypeOf(data!.previousSecretExpiresAt).toEqualTypeOf<Date | null>();
    // @ts-expect-error: id is required
    void client.bearer.rollToken({});
  });
  it("types updateToken: an id, and a name or enabled to change", async () => {
    const { data } = await client.bearer.updateToken({ id: "x", enabled: false });
    expectTypeOf(data!.enabled).toEqualTypeOf<boolean>();
    expectTypeOf(data!).not.toHaveProperty("token");
    void client.bearer.updateToken({ id: "x", name: "renamed" });
    // @ts-expect-error: id is required
    void client.bearer.updateToken({ enabled: true });
    // @ts-expect-error: enabled is a boolean
    void client.bearer.updateToken({ id: "x", enabled: "no" });
  });
  it("requires an id on revokeToken and puts the status on the error branch", async () => {
    // @ts-expect-error: id is required
    void client.bearer.revokeToken({});
    const { error } = await client.bearer.revokeToken({ id: "x" });
    expectTypeOf(error!.status).toEqualTypeOf<number>();
  });
  it("types login, refresh and logout", async () => {
    const login = await client.bearer.login({ email: "a@example.com", password: "secret" });
    expectTypeOf(login.data!.token).toEqualTypeOf<string>();
    expectTypeOf(login.data!.user.id).toEqualTypeOf<string>();
    expectTypeOf(login.data!.user.email).toEqualTypeOf<string>();
    // @ts-expect-error: password is required
    void client.bearer.login({ email: "a@example.com" });
    // Per-call headers reach /sign-in/email (captcha's x-captcha-response).
    void client.bearer.login({ email: "a@example.com", password: "secret" }, { headers: { "x-captcha-response": "t" } });
    expectTypeOf(login.error!.code).toEqualTypeOf<string | undefined>();
    expectTypeOf((await client.bearer.refresh()).data!.token).toEqualTypeOf<string>();
    expectTypeOf((await client.bearer.logout()).data!.success).toEqualTypeOf<true>();
  });
  it("accepts Better Fetch's Bearer auth option per call", () => {
    void client.bearer.refresh({ fetchOptions: { auth: { type: "Bearer", token: () => "token" } } });
  });
  it("types exchangeCode: a code in, the session token out", async () => {
    const { data, error } = await client.bearer.exchangeCode({ code: "x" });
    expectTypeOf(data!.token).toEqualTypeOf<string>();
    expectTypeOf(error!.status).toEqualTypeOf<number>();
    // @ts-expect-error: code is required
    void client.bearer.exchangeCode({});
    expectTypeOf(readBearerCode).parameter(0).toEqualTypeOf<string | URL>();
    expectTypeOf(readBearerCode("myapp://signed-in")).toEqualTypeOf<string | null>();
    expectTypeOf(requestBearerCode("myapp://signed-in")).toEqualTypeOf<string>();
  });
});
