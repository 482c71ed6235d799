import type { CredentialRequirement } from "./requirement";
import type { Verifier, VerifiedCredential, VerifiedFor } from "./create-verifier";

/** The slice of Hono's context the middleware uses: no dependency on Hono itself. */
interface HonoContextLike<V = VerifiedCredential> {
  req: { raw: Request };
  set(key: "credential", value: V): void;
  json(body: unknown, status: number, headers: Record<string, string>): Response;
}

/**
 * Hono middleware: answers 401/403/429 with a stable code, or sets `c.get("credential")`.
 *
 * @example
 * app.use("/api/*", requireCredential(createVerifier(auth), { permissions: ["read"] }));
 */
export function requireCredential<R extends CredentialRequirement = Record<never, never>>(verifier: Verifier, requirement: R = {} as R) {
  return async (c: HonoContextLike<VerifiedFor<R>>, next: () => Promise<void>) => {
    const result = await verifier.authenticate(c.req.raw, requirement);
    if (!result.ok) return c.json(result.body, result.status, result.headers);
    const { ok: _ok, ...credential } = result;
    c.set("credential", credential as unknown as VerifiedFor<R>);
    await next();
    return undefined;
  };
}

interface NodeRequestLike<V = VerifiedCredential> {
  headers: Record<string, string | string[] | undefined>;
  credential?: V;
}
interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/**
 * Node/Express/Connect middleware: answers 401/403/429 with a stable code, or sets
 * `req.credential` and calls `next()`.
 *
 * @example
 * app.use("/api", requireCredentialNode(createVerifier(auth)));
 */
export function requireCredentialNode<R extends CredentialRequirement = Record<never, never>>(verifier: Verifier, requirement: R = {} as R) {
  return (req: NodeRequestLike<VerifiedFor<R>>, res: NodeResponseLike, next: (error?: unknown) => void) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(", "));
    }
    verifier.authenticate(headers, requirement).then((result) => {
      if (!result.ok) {
        res.statusCode = result.status;
        res.setHeader("content-type", "application/json");
        for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
        res.end(JSON.stringify(result.body));
        return;
      }
      const { ok: _ok, ...credential } = result;
      req.credential = credential as unknown as VerifiedFor<R>;
      next();
    }, next);
  };
}
