import { createTestAuth, testAdapterName, type ClientCredential } from "@better-auth-tokens/test-utils";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { magicLink, openAPI } from "better-auth/plugins";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { TOKEN_ERROR_DEFINITIONS, type TokenErrorCode } from "../src/error-codes";
import { apiKey, bearer, remoteVerification } from "../src/index";

const verification = () => remoteVerification({ services: { invoices: "invoices-service-token-0123456789abcdef" } });

/** The part of an OpenAPI document these tests read. */
type JsonSchema = Record<string, unknown>;
interface JsonContent {
  content?: { "application/json"?: { schema?: JsonSchema } };
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>;
  requestBody?: JsonContent;
  responses: Record<string, JsonContent & { description?: string }>;
}
interface OpenAPIDocument {
  paths: Record<string, Record<string, Operation | undefined> | undefined>;
}

/** An endpoint as a plugin's `endpoints` holds it: what it is declared with. */
interface DeclaredEndpoint {
  path?: string;
  options: {
    method: string | string[];
    query?: z.ZodObject;
    body?: unknown;
    metadata?: { SERVER_ONLY?: boolean; openapi?: { summary?: string } };
  };
}

interface OurOperation {
  key: string;
  path: string;
  method: string;
  endpoint: DeclaredEndpoint;
}

/**
 * Every path and method our plugins serve over HTTP, read from the plugins themselves: a new
 * endpoint is covered without touching this file. Server-only endpoints are not served, so Better
 * Auth leaves them out of the document, and so do we.
 */
function operationsOf(plugins: readonly BetterAuthPlugin[]): OurOperation[] {
  return plugins.flatMap((plugin) =>
    Object.entries((plugin.endpoints ?? {}) as unknown as Record<string, DeclaredEndpoint>)
      .filter(([, endpoint]) => !endpoint.options.metadata?.SERVER_ONLY)
      .flatMap(([key, endpoint]) => {
        const methods = [endpoint.options.method].flat();
        return methods.map((method) => ({ key, path: endpoint.path ?? "(no path)", method, endpoint }));
      }),
  );
}

const operationName = ({ method, path }: { method: string; path: string }) => `${method} ${path}`;
const jsonSchemaOf = (part: JsonContent | undefined) => part?.content?.["application/json"]?.schema;
const hasShape = (schema: JsonSchema | undefined) => !!schema && ("type" in schema || "anyOf" in schema);

/** What the reference is missing for each operation: empty when every one is described. */
function gapsIn(document: OpenAPIDocument, operations: readonly OurOperation[]): string[] {
  const gaps: string[] = [];
  for (const operation of operations) {
    const { key, path, method, endpoint } = operation;
    const gap = (what: string) => gaps.push(`${operationName(operation)} (${key}): ${what}`);
    const documented = document.paths[path]?.[method.toLowerCase()];
    if (!documented) {
      gap("not in the document");
      continue;
    }
    const summary = endpoint.options.metadata?.openapi?.summary;
    if (!summary?.trim()) gap("no summary");
    // Better Auth 1.7.5 drops `summary` from the document (better-auth#1493); when it keeps it, it must be ours.
    if (documented.summary !== undefined && documented.summary !== summary) gap("a summary that is not ours");
    if (!documented.description?.trim()) gap("no description");
    if (!documented.operationId?.startsWith(key)) gap(`operationId ${documented.operationId} does not name ${key}`);
    if (!documented.tags?.length) gap("no tag");

    if (method === "POST" && !hasShape(jsonSchemaOf(documented.requestBody))) gap("no request body schema");
    if (method === "DELETE" && endpoint.options.body) {
      // Better Auth's document has no body under DELETE: the body is the POST twin's, and the description says so.
      if (!hasShape(jsonSchemaOf(document.paths[path]?.post?.requestBody))) gap("DELETE's body is described nowhere");
      if (!documented.description?.includes("DELETE")) gap("the description does not say what DELETE takes");
    }
    for (const name of Object.keys(endpoint.options.query?.shape ?? {})) {
      const parameter = documented.parameters?.find((candidate) => candidate.in === "query" && candidate.name === name);
      if (!hasShape(parameter?.schema)) gap(`no schema for the query parameter ${name}`);
    }
    if (!hasShape(jsonSchemaOf(documented.responses["200"]))) gap("no 200 response schema");
  }
  return gaps;
}

/** The document as `openAPI()` serves it. */
async function documentOf(t: { request: (path: string) => Promise<Response> }): Promise<OpenAPIDocument> {
  const response = await t.request("/open-api/generate-schema");
  expect(response.status).toBe(200);
  return (await response.json()) as OpenAPIDocument;
}

const installOrders = [
  ["openAPI(), apiKey(), bearer(), remoteVerification()", () => [openAPI(), apiKey(), bearer(), verification()]],
  ["remoteVerification(), bearer(), apiKey(), openAPI()", () => [verification(), bearer(), apiKey(), openAPI()]],
] as const;

describe.each(installOrders)("openAPI() with %s", (_order, plugins) => {
  it("describes every endpoint of ours: summary, description, request and 200 response schemas", async () => {
    const installed = plugins();
    const t = createTestAuth({ plugins: installed });
    const operations = operationsOf(installed.filter((plugin) => plugin.id !== "open-api"));
    // The enumeration found both plugins' endpoints, including a DELETE and a GET with a query.
    expect(operations.map(operationName)).toEqual(
      expect.arrayContaining(["POST /api-key/create", "DELETE /api-key/revoke", "GET /api-key/get", "POST /bearer/refresh"]),
    );

    const document = await documentOf(t);
    expect(gapsIn(document, operations)).toEqual([]);
    // And nothing of ours is in the document that the plugins do not serve.
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith("/api-key/") || path.startsWith("/bearer/") || path.startsWith("/service/"))
      .flatMap(([path, methods]) => Object.keys(methods ?? {}).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(operations.map(operationName).sort());
  });

  it("serves the reference page, which shows our endpoints", async () => {
    const t = createTestAuth({ plugins: plugins() });
    const response = await t.request("/reference");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("/api-key/create");
    expect(html).toContain("/bearer/create-token");
  });
});

describe("the OpenAPI check itself", () => {
  it("finds an endpoint that nobody described", async () => {
    const undescribed = {
      id: "undescribed",
      endpoints: { bare: createAuthEndpoint("/api-key/bare", { method: "POST" }, async (ctx) => ctx.json({ ok: true })) },
    } satisfies BetterAuthPlugin;
    const t = createTestAuth({ plugins: [openAPI(), undescribed] });
    const gaps = gapsIn(await documentOf(t), operationsOf([undescribed]));
    expect(gaps).toEqual([
      "POST /api-key/bare (bare): no summary",
      "POST /api-key/bare (bare): no description",
      "POST /api-key/bare (bare): operationId undefined does not name bare",
      "POST /api-key/bare (bare): no request body schema",
      "POST /api-key/bare (bare): no 200 response schema",
    ]);
  });
});

describe("the error responses in the reference", () => {
  it("come from the error table: each code under its own status, with { code, message }", async () => {
    const installed = [openAPI(), apiKey(), bearer(), verification()];
    const t = createTestAuth({ plugins: installed });
    const document = await documentOf(t);
    const listed = new Set<string>();
    for (const { path, method } of operationsOf(installed.slice(1))) {
      const responses = document.paths[path]?.[method.toLowerCase()]?.responses ?? {};
      for (const [status, response] of Object.entries(responses)) {
        const codes = (jsonSchemaOf(response)?.properties as { code?: { enum?: string[] } } | undefined)?.code?.enum;
        // Better Auth's generic answers (such as 500) carry no codes of ours.
        if (!codes) continue;
        for (const code of codes) {
          listed.add(code);
          const expected = code === "VALIDATION_ERROR" ? 400 : TOKEN_ERROR_DEFINITIONS[code as TokenErrorCode]?.status;
          expect(`${method} ${path} ${code} → ${status}`).toBe(`${method} ${path} ${code} → ${expected}`);
        }
        expect(response.description).toContain(`\`${codes[0]}\``);
      }
    }
    // Every code our endpoints can answer is documented somewhere: the client-only SIGN_IN_INCOMPLETE
    // and createVerifier's ORGANIZATION_KEY_NOT_ACCEPTED (no endpoint answers it) aside.
    const notFromEndpoints = new Set(["SIGN_IN_INCOMPLETE", "ORGANIZATION_KEY_NOT_ACCEPTED"]);
    const documentedCodes = Object.keys(TOKEN_ERROR_DEFINITIONS).filter((code) => !notFromEndpoints.has(code));
    expect([...listed].sort()).toEqual([...documentedCodes, "VALIDATION_ERROR"].sort());
  });
});

describe("the reference against real answers", () => {
  it("every operation of ours answers 200 with exactly the documented body, and errors match theirs", async () => {
    const installed = [openAPI(), apiKey(), bearer()];
    // Better Auth's magic link: a redirect sign-in, whose code /bearer/exchange-code redeems.
    const magicLinks: string[] = [];
    const t = createTestAuth({ plugins: [...installed, magicLink({ sendMagicLink: ({ url }) => void magicLinks.push(url) })] });
    const document = await documentOf(t);
    const alice = await t.signUp();
    const bob = await t.signUp();
    const answered = new Set<string>();

    async function call(method: string, path: string, credential: ClientCredential, body?: unknown) {
      const response = await t.request(path, {
        method,
        credential,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const json: unknown = await response.json();
      const pathname = path.split("?")[0]!;
      const schema = jsonSchemaOf(document.paths[pathname]?.[method.toLowerCase()]?.responses[String(response.status)]);
      expect(schema, `${method} ${pathname} answered ${response.status}, which the reference does not describe`).toBeDefined();
      const checked = z.fromJSONSchema(schema!).safeParse(json);
      expect(checked.error, `${method} ${pathname} ${response.status}: ${JSON.stringify(json)}`).toBeUndefined();
      if (response.status === 200) answered.add(`${method} ${pathname}`);
      return json as Record<string, unknown>;
    }

    const key = await call("POST", "/api-key/create", alice, {
      name: "CI",
      description: "deploys",
      permissions: [],
      metadata: { team: "platform" },
    });
    await call("GET", "/api-key/list", alice);
    await call("GET", `/api-key/get?id=${encodeURIComponent(String(key.id))}`, alice);
    await call("POST", "/api-key/update", alice, { id: key.id, name: "CI 2", enabled: false });
    await call("POST", "/api-key/roll", alice, { id: key.id, gracePeriod: 60 });
    await call("POST", "/api-key/revoke", alice, { id: key.id });
    const second = await call("POST", "/api-key/create", alice, { name: "second" });
    await call("DELETE", "/api-key/revoke", alice, { id: second.id });

    const token = await call("POST", "/bearer/create-token", alice, { name: "laptop" });
    await call("GET", "/bearer/list-tokens", alice);
    await call("POST", "/bearer/roll-token", alice, { id: token.id, gracePeriod: 0 });
    await call("POST", "/bearer/update-token", alice, { id: token.id, name: "laptop 2", enabled: false });
    await call("POST", "/bearer/revoke-token", alice, { id: token.id });
    const other = await call("POST", "/bearer/create-token", alice, { name: "server" });
    await call("DELETE", "/bearer/revoke-token", alice, { id: other.id });

    const refreshed = await call("POST", "/bearer/refresh", { bearer: bob.sessionToken });
    await call("POST", "/bearer/logout", { bearer: String(refreshed.token) });
    // Better Auth 1.7.5's magic link writes a 43-character verification id that MySQL's
    // varchar(36) refuses (its own bug, on an existing account), so the code comes from it elsewhere.
    if (testAdapterName() === "mysql") {
      console.log("openapi: /bearer/exchange-code not called on mysql: Better Auth 1.7.5's magic link fails there (verification id too long)");
    } else {
      await t.request("/sign-in/magic-link", {
        method: "POST",
        body: JSON.stringify({ email: bob.user.email, callbackURL: "/signed-in?bearer_code=request" }),
      });
      const landed = await t.handler(new Request(magicLinks.pop()!));
      const code = new URL(landed.headers.get("location")!).searchParams.get("bearer_code");
      await call("POST", "/bearer/exchange-code", undefined, { code });
      expect(await call("POST", "/bearer/exchange-code", undefined, { code })).toMatchObject({ code: "INVALID_SIGN_IN_CODE" });
    }

    // Refusals match their documented schemas too.
    const live = await call("POST", "/api-key/create", alice, { name: "live" });
    expect(await call("GET", "/api-key/list", undefined)).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await call("GET", "/api-key/list", { apiKey: String(live.key) })).toMatchObject({ code: "CREDENTIAL_NOT_ALLOWED" });
    expect(await call("GET", "/api-key/get?id=missing", alice)).toMatchObject({ code: "NOT_FOUND" });
    expect(await call("POST", "/api-key/create", alice, { name: 5 })).toMatchObject({ code: "VALIDATION_ERROR" });
    expect(await call("POST", "/bearer/create-token", alice, { name: " " })).toMatchObject({ code: "INVALID_NAME" });

    const expected = operationsOf(installed.slice(1)).map(operationName);
    const notCalled = testAdapterName() === "mysql" ? ["POST /bearer/exchange-code"] : [];
    expect([...answered].sort()).toEqual(expected.filter((name) => !notCalled.includes(name)).sort());
  });
});
