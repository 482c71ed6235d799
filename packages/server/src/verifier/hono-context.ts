import type { HeaderSource } from "../core/read-credential";
import type { AnyVerifiedCredential, AuthenticateResult, OrganizationVerifiedCredential, VerifiedCredential, VerifiedFor } from "./create-verifier";
import { nodeHeaderSource, type NodeHeaders } from "./node-header-source";
import type { CredentialRequirement } from "./requirement";

/** The slice of Hono's context the Hono helpers use: no dependency on Hono itself. */
export interface HonoContextLike<V = VerifiedCredential> {
  req: { raw: Request };
  /** On `@hono/node-server`, its bindings: `incoming` is Node's request. */
  env?: unknown;
  set(key: "credential", value: V): void;
  header(name: string, value: string): void;
  json(body: unknown, status: number, headers: Record<string, string>): Response;
  /** Whether the route has answered (`c.res` set), and its answer. */
  finalized?: boolean;
  res?: Response;
}

/**
 * What the verifier reads the request from. On `@hono/node-server`, Node's own header object:
 * reading `c.req.raw.headers` there makes the server build a whole `Headers` for the request,
 * which costs more than a warm verification. Elsewhere (Bun, Deno, Workers) the request itself,
 * whose `Headers` is already built.
 */
export function requestSource(c: HonoContextLike<never>): Request | HeaderSource {
  const incoming = (c.env as { incoming?: { headers?: unknown } } | undefined)?.incoming;
  const headers = incoming?.headers;
  return headers && typeof headers === "object" ? nodeHeaderSource(headers as NodeHeaders) : c.req.raw;
}

/**
 * Lets a verified request in: `c.get("credential")` holds the credential (without `ok`), and the
 * RateLimit fields, when a limit applies, are set before the route runs, which may override them.
 */
export function admitCredential<R extends CredentialRequirement>(
  c: HonoContextLike<VerifiedFor<R>>,
  result: Extract<AuthenticateResult<R>, { ok: true }>,
): VerifiedFor<R> {
  const verified = result as unknown as AnyVerifiedCredential;
  // Field by field rather than a rest spread, which V8 copies generically: this runs on every
  // verified request. `satisfies` fails the build if either kind of credential gains a field not copied here.
  const credential = ({
    key: verified.key,
    permissions: verified.permissions,
    authMethod: verified.authMethod,
    owner: verified.owner,
    user: verified.user,
    headers: verified.headers,
  } satisfies Record<keyof VerifiedCredential | keyof OrganizationVerifiedCredential, unknown>) as AnyVerifiedCredential;
  c.set("credential", credential as unknown as VerifiedFor<R>);
  const { headers } = credential;
  for (const name in headers) c.header(name, headers[name]!);
  return credential as unknown as VerifiedFor<R>;
}
