import { createProtectedRoute, createTestAuth } from "@better-auth-tokens/test-utils";
import { describe, expect, it } from "vitest";
import { apiKey } from "../api-key";

describe("credential session hook", () => {
  // Regression: the hook used to delete the credential headers, but Better Auth merges a hook's
  // headers into the request with `set`, so the cookie survived and the request fell back to it.
  it("gives no session to a bad credential sent beside a valid cookie (fail closed)", async () => {
    const t = createTestAuth({ plugins: [apiKey()] });
    const alice = await t.signUp();
    const cookie = alice.headers.get("cookie")!;
    expect((await createProtectedRoute(t.auth)({ cookie })).status).toBe(200);

    const badKey = { cookie, "x-api-key": "ba_not-a-real-key" };
    expect((await createProtectedRoute(t.auth)(badKey)).status).toBe(401);
    const response = await t.request("/get-session", { headers: badKey });
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
  });
});
