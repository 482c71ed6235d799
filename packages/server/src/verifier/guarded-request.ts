import type { HeaderSource } from "../core/read-credential";
import { nodeHeaderSource, type NodeHeaders } from "./node-header-source";

/** Hono's context or Node's request: what the guards keep their admissions on. */
export type GuardedRequest = { req: { raw: Request }; env?: unknown } | { headers: NodeHeaders };

/**
 * Whether `input` is Hono's context or Node's request rather than a `Request` or headers. A
 * headers record holds strings; Node's request holds its headers as a plain object, not a
 * `Headers`. Express's request is Node's with a `get` method: its own `get` does not make it a
 * header source, or a guard's admission on it would go unseen and the request be counted twice.
 */
export function isGuardedRequest(input: unknown): input is GuardedRequest {
  if (typeof input !== "object" || input === null || input instanceof Request || input instanceof Headers) return false;
  const candidate = input as { req?: { raw?: unknown }; headers?: unknown };
  if (candidate.req?.raw instanceof Request) return true;
  const { headers } = candidate;
  return typeof headers === "object" && headers !== null && typeof (headers as { get?: unknown }).get !== "function";
}

/**
 * What the verifier reads a guarded request from. On `@hono/node-server`, Node's own header
 * object: reading `c.req.raw.headers` there makes the server build a whole `Headers` for the
 * request, which costs more than a warm verification. Elsewhere (Bun, Deno, Workers) the request
 * itself, whose `Headers` is already built.
 */
export function guardedRequestSource(request: GuardedRequest): Request | HeaderSource {
  if ("req" in request) {
    const incoming = (request.env as { incoming?: { headers?: unknown } } | undefined)?.incoming;
    const headers = incoming?.headers;
    return headers && typeof headers === "object" ? nodeHeaderSource(headers as NodeHeaders) : request.req.raw;
  }
  return nodeHeaderSource(request.headers);
}
