import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { createAuth } from "./auth";

const port = Number(process.env.PORT ?? 3000);
const baseURL = `http://localhost:${port}`;
// The database is a file beside the app, so keys survive a restart; delete the folder to start over.
const dataDir = fileURLToPath(new URL("../.data/", import.meta.url));
mkdirSync(dataDir, { recursive: true });

const auth = await createAuth({ databaseUrl: `file:${dataDir}app.db`, baseURL });
const app = await createApp(auth);
serve({ fetch: app.fetch, port }, () => {
  console.log(`better-auth-tokens example app: ${baseURL}`);
  console.log(`  sign up, create an API key, then: API_TOKEN=<key> node examples/cli/whoami.mjs`);
});
