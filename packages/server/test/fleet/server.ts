// One instance of the fleet, in a Node process of its own (started by fleet-processes.test.ts
// through tsx): a real betterAuth() on the parent's PostgreSQL schema and Redis key prefix,
// served over HTTP on a loopback port it prints on stdout.
import { createServer } from "node:http";
import { postgresPool, redisSecondaryStorage, TEST_BASE_URL, TEST_SECRET } from "@better-auth-tokens/test-utils";
import { betterAuth } from "better-auth";
import { toNodeHandler } from "better-auth/node";
import { createVerifier, requireCredentialNode } from "../../src/index";
import { fleetPlugins } from "./options";

function required(name: string) {
  const value = process.env[name];
  if (!value) throw new Error(`fleet instance: ${name} is not set`);
  return value;
}

const pool = postgresPool(required("DATABASE_URL"), required("FLEET_SCHEMA"), 5);
const redis = redisSecondaryStorage(required("REDIS_URL"), required("FLEET_REDIS_PREFIX"));

const auth = betterAuth({
  // Every instance has the same base URL and secret, as the servers behind one load balancer do.
  baseURL: TEST_BASE_URL,
  secret: TEST_SECRET,
  emailAndPassword: { enabled: true },
  // A pg Pool: Better Auth runs the creates in real transactions, as in an app.
  database: pool,
  secondaryStorage: redis.storage,
  // Better Auth's own per-IP limiter would count the parent's many requests from one address.
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
  logger: { level: "warn", disableColors: true },
  plugins: fleetPlugins(),
});

const handleAuth = toNodeHandler(auth);
const protect = requireCredentialNode(createVerifier(auth));

const server = createServer((req, res) => {
  if (req.url?.startsWith("/api/auth/")) {
    void handleAuth(req, res);
    return;
  }
  if (req.method === "GET" && req.url === "/api/whoami") {
    // An app route protected by a key: 401/403/429 from the middleware, or the key's owner.
    protect(req, res, (error) => {
      res.setHeader("content-type", "application/json");
      if (error) {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: "verification failed" }));
        return;
      }
      res.end(JSON.stringify({ userId: (req as typeof req & { credential?: { user: { id: string } } }).credential?.user.id }));
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});

// Ready once the plugins' init ran (it reads where the invalidation log stands).
await auth.$context;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("fleet instance: no TCP address");
  console.log(`fleet instance listening on http://127.0.0.1:${address.port}`);
});

// The parent holds our stdin: when it goes away, however it ended, so does this process.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
