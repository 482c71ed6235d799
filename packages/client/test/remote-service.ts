/**
 * A service of the app that does not run Better Auth: it serves HTTP on loopback and lets a
 * request through only when the auth server says its credential is valid, through
 * `verifyRemote`. Started in its own Node process by verify-remote.test.ts.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { refusalAnswer, verifyRemote } from "@better-auth-tokens/client";

const verify = verifyRemote(process.env.AUTH_URL!, process.env.SERVICE_TOKEN!);

const server = createServer(async (req, res) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const result = await verify(headers, { permissions: { invoices: ["read"] }, personalTokens: "owner" });
  res.setHeader("content-type", "application/json");
  if (result.valid) {
    res.end(JSON.stringify({ owner: result.owner, authMethod: result.authMethod }));
    return;
  }
  // Status, challenge and Retry-After as the auth server answers the same refusal.
  const { status, headers: answerHeaders, body } = refusalAnswer(result);
  res.writeHead(status, answerHeaders);
  res.end(JSON.stringify({ code: body.code }));
});
server.listen(0, "127.0.0.1", () => console.log(`serving on ${(server.address() as AddressInfo).port}`));
// The parent closes stdin when it is done: the service never outlives the test.
process.stdin.on("end", () => server.close(() => process.exit(0)));
process.stdin.resume();
