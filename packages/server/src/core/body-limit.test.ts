import { createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey, bearer } from "../index";
import { CREDENTIAL_MODEL } from "./credential-table";

const OVER_LIMIT = JSON.stringify({ name: "big", description: "x".repeat(17 * 1024) });

describe("request bodies over the size limit", () => {
  it.each(["/api-key/create", "/api-key/update", "/api-key/revoke", "/bearer/create-token", "/bearer/revoke-token"])(
    "refuses %s with 413 BODY_TOO_LARGE, writing nothing",
    async (path) => {
      const t = createTestAuth({ plugins: [apiKey(), bearer()] });
      const alice = await t.signUp();
      const rowsBefore = await t.rows(CREDENTIAL_MODEL);
      const response = await t.request(path, { method: "POST", credential: alice, body: OVER_LIMIT });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ code: "BODY_TOO_LARGE" });
      expect(await t.rows(CREDENTIAL_MODEL)).toEqual(rowsBefore);
    },
  );

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const t = createTestAuth({ plugins: [apiKey()] });
    const alice = await t.signUp();
    const response = await t.request("/api-key/create", {
      method: "POST",
      credential: alice,
      headers: { "content-length": String(64 * 1024) },
      body: JSON.stringify({ name: "small" }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "BODY_TOO_LARGE" });
  });

  it("lets a body within the limit through to the endpoint's own checks", async () => {
    const t = createTestAuth({ plugins: [apiKey()] });
    const alice = await t.signUp();
    const response = await t.request("/api-key/create", {
      method: "POST",
      credential: alice,
      body: JSON.stringify({ name: "fits", metadata: { notes: "y".repeat(7 * 1024) } }),
    });
    expect(response.status).toBe(200);
  });

  it("leaves Better Auth's other endpoints alone", async () => {
    const t = createTestAuth({ plugins: [apiKey()] });
    const response = await t.request("/sign-up/email", {
      method: "POST",
      body: JSON.stringify({ email: "big@example.com", password: "correct-horse-battery", name: "n".repeat(17 * 1024) }),
    });
    expect(response.status).not.toBe(413);
  });
});
