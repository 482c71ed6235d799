import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWhoami } from "./run-whoami";
import { signUpAndCreateKey } from "./sign-up-and-create-key";
import { startApp } from "./start-app";

/** A one-answer HTTP server, for the statuses /api/me never gives the CLI on its own. */
async function answering(listener: RequestListener) {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): RequestListener => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
};

describe("examples/cli/whoami.mjs against the example app", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.close());

  it("prints who the key belongs to and exits 0", async () => {
    const created = await signUpAndCreateKey(app.baseURL, ["read"], "Grace Hopper");
    const run = await runWhoami({ API_URL: app.baseURL, API_TOKEN: created.key });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Grace Hopper <");
    expect(run.stdout).toContain(`via api-key ${created.start}…`);
    expect(run.output).not.toContain(created.key);
  });

  it("explains a refused key (401) and exits 1, without printing the key", async () => {
    const created = await signUpAndCreateKey(app.baseURL, ["read"]);
    const mistyped = `${created.key.slice(0, -1)}${created.key.endsWith("A") ? "B" : "A"}`;
    const run = await runWhoami({ API_URL: app.baseURL, API_TOKEN: mistyped });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("401 INVALID_CREDENTIAL: the token was refused");
    expect(run.output).not.toContain(mistyped);
  });

  it("tolerates the trailing line break of a token read from a file", async () => {
    const created = await signUpAndCreateKey(app.baseURL, ["read"]);
    expect((await runWhoami({ API_URL: app.baseURL, API_TOKEN: `${created.key}\r\n` })).code).toBe(0);
  });
});

describe("examples/cli/whoami.mjs errors", () => {
  const token = "ba_notarealkeybutwellformed0123456789";

  it("explains a missing permission (403)", async () => {
    const server = await answering(json(403, { code: "INSUFFICIENT_PERMISSIONS", message: "…" }));
    const run = await runWhoami({ API_URL: server.url, API_TOKEN: token }).finally(server.close);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("403 INSUFFICIENT_PERMISSIONS: the token is valid but lacks the permission");
  });

  it("says when to retry after a rate limit (429 with Retry-After)", async () => {
    const server = await answering(json(429, { code: "RATE_LIMITED", message: "…" }, { "retry-after": "17" }));
    const run = await runWhoami({ API_URL: server.url, API_TOKEN: token }).finally(server.close);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("429 RATE_LIMITED: too many requests with this token; retry in 17 seconds");
  });

  it("says the server could not be reached, and exits 3", async () => {
    const server = await answering(json(200, {}));
    await server.close(); // the port is now closed: connection refused
    const run = await runWhoami({ API_URL: server.url, API_TOKEN: token });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`Could not reach ${server.url}: ECONNREFUSED`);
  });

  it("says a 200 from something else is not the app, instead of crashing", async () => {
    const server = await answering((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html></html>"));
    const run = await runWhoami({ API_URL: server.url, API_TOKEN: token }).finally(server.close);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("did not answer like the example app's /api/me");
    expect(run.stderr).not.toContain("TypeError");
  });

  it("refuses bad input with exit 2, and never echoes a malformed token", async () => {
    expect((await runWhoami({})).stderr).toContain("API_TOKEN is not set");
    expect((await runWhoami({ API_URL: "not a url", API_TOKEN: token })).stderr).toContain("API_URL is not a URL");
    // A line break inside the value: fetch's own error would quote the whole header, token included.
    const broken = await runWhoami({ API_URL: "http://127.0.0.1:9", API_TOKEN: "ba_firsthalfofthekey\nsecondhalfofthekey" });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("API_TOKEN has spaces, line breaks");
    expect(broken.output).not.toMatch(/firsthalfofthekey|secondhalfofthekey/);
  });
});
