import type { BetterAuthOptions } from "better-auth";
import { getIP } from "better-auth/api";
import type { HeaderSource } from "./read-credential";

/** Where a request came from, as recorded with a credential's last use. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Long enough for any real browser or SDK; a longer header is truncated, never stored whole. */
export const MAX_USER_AGENT_LENGTH = 512;

/**
 * The client address by Better Auth's own resolution (`advanced.ipAddress`: its headers, trusted
 * proxies, `disableIpTracking`), and the `User-Agent`, truncated. Read on first use only: most
 * requests record no last use (it is throttled), and they should not pay for parsing headers.
 */
export function requestOrigin(headers: HeaderSource | undefined, options: BetterAuthOptions): RequestOrigin {
  let ip: string | null | undefined;
  let userAgent: string | null | undefined;
  return {
    get ip() {
      // getIP reads headers through their `get`: Node's header adapter serves as a Headers here.
      ip ??= headers ? getIP(headers as Headers, options) : null;
      return ip;
    },
    get userAgent() {
      userAgent ??= headers?.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) ?? null;
      return userAgent;
    },
  };
}
