import { apiKey } from "@better-auth-tokens/server";
import { createTestAuth, TEST_BASE_URL } from "@better-auth-tokens/test-utils";
import { serveAuthWithMsw } from "@better-auth-tokens/test-utils/msw";
import { createAuthClient } from "better-auth/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyClient } from "./api-key-client";

// The client's default transport (global fetch), served by msw: what a browser app does.
const t = createTestAuth({ plugins: [apiKey()] });
const server = serveAuthWithMsw(t.auth);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("apiKeyClient() over fetch", () => {
  it("creates a key with the default fetch and the key authenticates get-session", async () => {
    const alice = await t.signUp();
    const authClient = createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: [apiKeyClient()],
      fetchOptions: { headers: { cookie: alice.headers.get("cookie")!, origin: TEST_BASE_URL } },
    });
    const { data, error } = await authClient.apiKey.create({ name: "over fetch" });
    expect(error).toBeNull();

    const session = await authClient.getSession({ fetchOptions: { headers: { "x-api-key": data!.key, cookie: "" } } });
    expect(session.data?.user.id).toBe(alice.user.id);
  });
});
