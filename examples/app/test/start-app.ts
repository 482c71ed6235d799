import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../src/app";
import { createAuth } from "../src/auth";

/** The example app on a free loopback port and an in-memory database, as `pnpm dev` runs it. */
export async function startApp() {
  let handle: (request: Request) => Response | Promise<Response> = () => new Response("starting", { status: 503 });
  const server = serve({ fetch: (request) => handle(request), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = await createAuth({ databaseUrl: ":memory:", baseURL });
  const app = await createApp(auth);
  handle = app.fetch;
  return { baseURL, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
