import { http } from "msw";
import { setupServer } from "msw/node";
import { TEST_BASE_URL } from "./index";

/**
 * Serves an auth instance over the real `fetch` with msw, for client-package tests that
 * should exercise the default transport rather than a custom fetch. Unhandled requests fail
 * the test, so nothing slips out to the network.
 *
 * @example
 * const server = serveAuthWithMsw(t.auth);
 * beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
 * afterAll(() => server.close());
 */
export function serveAuthWithMsw(auth: { handler: (request: Request) => Promise<Response> }) {
  return setupServer(http.all(`${TEST_BASE_URL}/api/auth/*`, ({ request }) => auth.handler(request)));
}
