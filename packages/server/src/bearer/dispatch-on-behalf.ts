import type { GenericEndpointContext } from "better-auth";
import { dispatchAuthEndpoint } from "better-auth/api";

type Endpoint = Parameters<typeof dispatchAuthEndpoint>[0];

/**
 * Runs one of Better Auth's own POST endpoints for this request, through its hook pipeline
 * (calling it as a plain function would skip every plugin's hooks on its path), and passes the
 * cookies it sets on to this response.
 */
export async function dispatchOnBehalf(ctx: GenericEndpointContext, endpoint: Endpoint, body?: Record<string, unknown>) {
  const result = (await dispatchAuthEndpoint(endpoint, {
    ...(body === undefined ? {} : { body }),
    ...(ctx.headers ? { headers: ctx.headers } : {}),
    ...(ctx.request ? { request: ctx.request } : {}),
    context: ctx.context,
    method: "POST",
    asResponse: false,
    returnHeaders: true,
  })) as { headers?: Headers | null | undefined; response?: unknown };
  for (const cookie of result.headers?.getSetCookie() ?? []) ctx.responseHeaders?.append("set-cookie", cookie);
  return result;
}
