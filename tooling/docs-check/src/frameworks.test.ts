import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import type { Express } from "express";
import type { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { recipeAuth } from "./recipe-auth";
import { blockUnderHeading } from "./section-block";

// The recipes in docs/frameworks.md run as written: each block is written to a module beside an
// `./auth` that is a real betterAuth() on the memory adapter, imported, and served on loopback.
const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..", "..");

const listenHono = (app: unknown) =>
  new Promise<Server>((resolve) => {
    const server = serve({ fetch: (app as Hono).fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(server as Server));
  });

/** How each framework's default export is put on a port; the recipes leave that to the app. */
const RECIPES: { heading: string; listen: (app: unknown) => Promise<Server> }[] = [
  {
    heading: "Hono",
    listen: listenHono,
  },
  {
    heading: "One route, one handler: `withCredential`",
    listen: listenHono,
  },
  {
    heading: "Express",
    listen: (app) =>
      new Promise((resolve) => {
        const server = (app as Express).listen(0, "127.0.0.1", () => resolve(server));
      }),
  },
  {
    heading: "Node `http`",
    listen: (server) => new Promise((resolve) => (server as Server).listen(0, "127.0.0.1", () => resolve(server as Server))),
  },
];

const servers: Server[] = [];
const recipeDirs: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  for (const dir of recipeDirs) rmSync(dir, { recursive: true, force: true });
});

/** Imports one recipe, exactly as the page shows it, with `./auth` pointing at the test instance. */
async function importRecipe(heading: string): Promise<unknown> {
  const block = blockUnderHeading(join(root, "docs/frameworks.md"), "docs/frameworks.md", heading);
  // Inside the package, so the frameworks the recipe imports resolve from its node_modules.
  mkdirSync(join(here, "..", ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(here, "..", ".tmp", "recipe-"));
  recipeDirs.push(dir);
  writeFileSync(join(dir, "auth.ts"), `export { auth } from ${JSON.stringify(join(here, "recipe-auth.ts"))};\n`);
  writeFileSync(join(dir, "server.ts"), block.code);
  const module = (await import(pathToFileURL(join(dir, "server.ts")).href)) as { default: unknown };
  return module.default;
}

describe.each(RECIPES)("the $heading recipe in docs/frameworks.md, on a real server", ({ heading, listen }) => {
  it("signs up through the mounted handler, then serves /api/projects by the table on the page", async () => {
    const server = await listen(await importRecipe(heading));
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const projects = (headers: Record<string, string> = {}) => fetch(`${base}/api/projects`, { headers });

    const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `${heading.split(" ")[0]!.toLowerCase()}@example.com`, name: heading, password: "correct-horse-battery" }),
    });
    expect(signUp.status).toBe(200);
    const { user } = (await signUp.json()) as { user: { id: string } };

    const { auth } = recipeAuth;
    const reader = await auth.api.createApiKey({ body: { name: "reader", userId: user.id, permissions: { projects: ["read"] } } });
    const writer = await auth.api.createApiKey({ body: { name: "writer", userId: user.id, permissions: { projects: ["write"] } } });
    const personal = await auth.api.createPersonalToken({ body: { name: "cli", userId: user.id } });

    for (const headers of [{ "x-api-key": reader.key }, { authorization: `Bearer ${reader.key}` }]) {
      const granted = await projects(headers);
      expect(granted.status).toBe(200);
      expect(await granted.json()).toEqual({ user: user.id, credential: reader.id, via: "api-key" });
    }

    const viaToken = await projects({ authorization: `Bearer ${personal.token}` });
    expect(viaToken.status).toBe(200);
    expect(await viaToken.json()).toEqual({ user: user.id, credential: personal.id, via: "personal-token" });

    const none = await projects();
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe("Bearer");
    expect(await none.json()).toMatchObject({ code: "UNAUTHORIZED" });

    const wrong = await projects({ "x-api-key": `${reader.key.slice(0, -1)}${reader.key.endsWith("A") ? "B" : "A"}` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token", error_description="[^"]+"$/);
    expect(await wrong.json()).toMatchObject({ code: "INVALID_CREDENTIAL" });

    const withoutPermission = await projects({ "x-api-key": writer.key });
    expect(withoutPermission.status).toBe(403);
    expect(withoutPermission.headers.get("www-authenticate")).toMatch(/^Bearer error="insufficient_scope", /);
    expect(withoutPermission.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await withoutPermission.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
  }, 30_000);
});
