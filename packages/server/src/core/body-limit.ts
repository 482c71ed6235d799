import type { AuthContext } from "better-auth";
import { errorAnswer } from "./error-answer";

/** Far above any real body of our endpoints (8 KB of metadata plus the rest), far below harm. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * A plugin `onRequest` that refuses bodies over `MAX_BODY_BYTES` on the plugin's own endpoints
 * with 413 `BODY_TOO_LARGE`. Better Auth parses the body before any hook runs and sets no limit
 * of its own, so this runs first: a declared `Content-Length` is refused unread, and a body
 * without one is read no further than the limit. Other plugins' endpoints are left alone.
 */
export function createBodyLimit(pathPrefixes: readonly string[]) {
  return async (request: Request, context: AuthContext): Promise<{ response: Response } | undefined> => {
    if (!request.body || !pathPrefixes.some((prefix) => endpointPath(request, context).startsWith(prefix))) return undefined;
    const declared = Number(request.headers.get("content-length"));
    if (declared > MAX_BODY_BYTES) return { response: tooLarge() };
    // A clone, read only up to the limit: the request itself stays unread for the endpoint.
    return (await exceedsLimit(request.clone())) ? { response: tooLarge() } : undefined;
  };
}

function endpointPath(request: Request, context: AuthContext) {
  const pathname = new URL(request.url).pathname;
  const basePath = new URL(context.baseURL).pathname.replace(/\/+$/, "");
  return pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
}

async function exceedsLimit(request: Request): Promise<boolean> {
  const reader = request.body!.getReader();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      received += value.byteLength;
      if (received > MAX_BODY_BYTES) return true;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

function tooLarge() {
  const { status, headers, body } = errorAnswer("BODY_TOO_LARGE");
  return Response.json(body, { status, headers });
}
