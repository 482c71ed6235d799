import type { GenericEndpointContext } from "better-auth";

/**
 * Trusted server code: `auth.api.*` called with neither `request` nor `headers`, as
 * resolve-actor.ts decides. An app route that forwards a browser's headers is a client call.
 */
export function isServerCall(ctx: GenericEndpointContext): boolean {
  return !ctx.request && !ctx.headers;
}
