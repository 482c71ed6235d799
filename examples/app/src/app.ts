import { createVerifier, requireCredential, type AnyVerifiedCredential } from "@better-auth-tokens/server";
import { Hono } from "hono";
import type { AppAuth } from "./auth";
import { bundleBrowserApp } from "./bundle";
import { INDEX_HTML } from "./index-html";

const PROJECTS = [
  { id: "p1", name: "Website", owner: "you" },
  { id: "p2", name: "Mobile app", owner: "you" },
];

/**
 * The HTTP app: Better Auth under /api/auth, two JSON routes that take an API key
 * (`X-API-Key` or `Authorization: Bearer`) or a personal token, and the settings page.
 */
export async function createApp(auth: AppAuth) {
  const browserApp = await bundleBrowserApp();
  const verifier = createVerifier(auth);
  const app = new Hono<{ Variables: { credential: AnyVerifiedCredential } }>();

  app.on(["GET", "POST", "DELETE"], "/api/auth/*", (c) => auth.handler(c.req.raw));

  // Users' credentials only: an organization's key is refused here with 403 ORGANIZATION_KEY_NOT_ACCEPTED.
  app.get("/api/me", requireCredential(verifier), (c) => {
    const { user, authMethod, key, permissions } = c.get("credential");
    if (!user) return c.json({ code: "ORGANIZATION_KEY_NOT_ACCEPTED" }, 403);
    return c.json({ user: { id: user.id, email: user.email, name: user.name }, authMethod, credential: key.start, permissions });
  });
  // Whom the credential acts for: a user, or an organization (its keys act for no user).
  app.get("/api/whoami", requireCredential(verifier, { organizationKeys: "accept" }), (c) => {
    const { owner, authMethod, key, permissions } = c.get("credential");
    return c.json({ owner, authMethod, credential: key.start, permissions });
  });
  // Listing projects needs the "read" scope; a personal token acts as its owner, who may read.
  app.get("/api/projects", requireCredential(verifier, { permissions: ["read"], personalTokens: "owner" }), (c) =>
    c.json({ projects: PROJECTS }),
  );

  app.get("/app.js", (c) => c.body(browserApp, 200, { "content-type": "text/javascript; charset=utf-8" }));
  app.get("/", (c) => c.html(INDEX_HTML));
  return app;
}
