import { bearer } from "@better-auth-tokens/server";
import { createTestAuth, TEST_BASE_URL } from "@better-auth-tokens/test-utils";
import { createAuthClient } from "better-auth/client";
import { toNodeHandler } from "better-auth/node";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { bearerClient } from "./bearer-client";

describe("bearer.login from Node, over real HTTP", () => {
  it("signs in as a CLI would, with Node's own fetch, which sends Sec-Fetch-Mode and so needs an Origin", async () => {
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => res.end();
    const server = createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const t = createTestAuth({
        plugins: [bearer()],
        options: {
          baseURL: origin,
          trustedOrigins: [TEST_BASE_URL],
          // As in production: Better Auth skips the origin check under NODE_ENV=test.
          advanced: { disableOriginCheck: false },
        },
      });
      handle = toNodeHandler(t.auth);
      const alice = await t.signUp();
      const cli = createAuthClient({ baseURL: `${origin}/api/auth`, plugins: [bearerClient()] });
      const { data, error } = await cli.bearer.login({ email: alice.user.email, password: "correct-horse-battery" });
      expect(error).toBeNull();
      expect(data?.user.id).toBe(alice.user.id);
      // The token it got is a session's, good for the next request.
      const session = await t.auth.api.getSession({ headers: new Headers({ authorization: `Bearer ${data!.token}` }) });
      expect(session?.user.id).toBe(alice.user.id);
      // An Origin the caller chose is sent as chosen: one the server does not trust is refused.
      const foreign = await cli.bearer.login({ email: alice.user.email, password: "correct-horse-battery" }, { headers: { origin: "https://evil.example" } });
      expect(foreign.error?.status).toBe(403);
    } finally {
      server.close();
    }
  });
});
