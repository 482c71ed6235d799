/**
 * The server of the HTTP row, run in a child process of the benchmark (see http-row.ts): a Hono
 * app on `@hono/node-server`, on 127.0.0.1 and a port the system picks, with the same route
 * five times: behind `requireCredential`, behind a middleware that only hashes the header, behind
 * a middleware that does nothing, wrapped by `withCredential`, and open. It tells its parent the port and a key, then answers
 * each "cpu" message with its CPU time so far, user and system apart.
 */
import { memoryAdapter, type MemoryDB } from "@better-auth/memory-adapter";
import { serve, type HttpBindings } from "@hono/node-server";
import { apiKey, createVerifier, requireCredential, withCredential, type VerifiedCredential } from "@better-auth-tokens/server";
import { betterAuth } from "better-auth";
import { getAuthTables } from "better-auth/db";
import { Hono } from "hono";
import { createHash, hash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { BASE_AUTH_OPTIONS } from "./auth-options";

export type ServerMessage = { type: "ready"; port: number; key: string } | { type: "cpu"; userMicros: number; systemMicros: number };

const db: MemoryDB = {};
const auth = betterAuth({ ...BASE_AUTH_OPTIONS, database: memoryAdapter(db), plugins: [apiKey()] });
for (const table of Object.values(getAuthTables(auth.options))) db[table.modelName] ??= [];
const { user } = await auth.api.signUpEmail({
  body: { email: "http@example.com", password: "correct-horse-battery", name: "HTTP" },
});
const { key } = (await auth.api.createApiKey({ body: { name: "http", userId: user.id } })) as { key: string };

const app = new Hono<{ Bindings: HttpBindings; Variables: { credential: VerifiedCredential; hashed: string } }>();
const body = { projects: [{ id: "p1", name: "Bench" }] };
const verifier = createVerifier(auth);
app.get("/protected", requireCredential(verifier), (c) => c.json(body));
// The least any check of a key stored hashed costs: read the header, hash it once (as our
// verifier does, one-shot where Node has it), go on. No lookup, no decision.
const sha256 = typeof hash === "function" ? (value: string) => hash("sha256", value, "base64url") : (value: string) => createHash("sha256").update(value).digest("base64url");
app.get(
  "/hashed",
  (c, next) => {
    const presented = c.env.incoming.headers["x-api-key"];
    if (typeof presented !== "string") return Promise.resolve(c.json({ error: "UNAUTHORIZED" }, 401));
    c.set("hashed", sha256(presented));
    return next();
  },
  (c) => c.json(body),
);
// What Hono's middleware chain costs by itself: a route with two handlers goes through its
// dispatcher and a promise, where a route with one is answered at once.
app.get("/passthrough", (_c, next) => next(), (c) => c.json(body));
// The same check as /protected, as the route's one handler: no middleware chain.
app.get("/handler", withCredential(verifier, (c) => c.json(body)));
app.get("/open", (c) => c.json(body));

const send = (message: ServerMessage) => process.send!(message);
const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) => {
  send({ type: "ready", port: info.port, key });
});
process.on("message", (message) => {
  if (message !== "cpu") return;
  const { user, system } = process.cpuUsage();
  send({ type: "cpu", userMicros: user, systemMicros: system });
});
process.on("disconnect", () => server.close(() => process.exit(0)));
