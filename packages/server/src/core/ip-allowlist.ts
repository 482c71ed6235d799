import type { AuthContext, BetterAuthOptions } from "better-auth";
import { getIP } from "better-auth/api";
import type { CredentialConfig } from "./credential-config";
import { credentialError } from "./credential-errors";
import type { EventSource } from "./credential-events";
import type { CredentialRow } from "./credential-table";
import { formatNetwork, networkContains, parseAddress, parseNetwork, type IpNetwork } from "./ip-networks";

/**
 * Entries one credential's allowlist may hold: enough for a fleet's egress ranges, and short
 * enough that the stored JSON stays far below any text column's limit (8,000 on MSSQL).
 */
export const MAX_ALLOWED_IPS = 100;

/**
 * The column a create or update writes for `allowedIps` as sent: `null` removes the allowlist, a
 * list is checked and stored normalized (JSON text, as upstream stores `permissions`). A
 * signed-in caller needs `clientIpAllowlist`; server-side calls may always. Throws before
 * anything is written.
 */
export function allowlistColumn(config: Pick<CredentialConfig, "clientIpAllowlist">, signedIn: boolean, input: readonly string[] | null): string | null {
  if (signedIn && !config.clientIpAllowlist) throw credentialError("IP_ALLOWLIST_NOT_ALLOWED");
  return input === null ? null : JSON.stringify(normalizeAllowlist(input));
}

/**
 * 1 to `MAX_ALLOWED_IPS` addresses or CIDR ranges, each written canonically (`2001:DB8:0::1` →
 * `2001:db8::1`), duplicates dropped, or 400 `INVALID_IP_ALLOWLIST`. An empty list is refused:
 * it would mean "from nowhere" to one reader and "from anywhere" to another; `null` removes one.
 */
export function normalizeAllowlist(input: readonly string[]): string[] {
  if (input.length === 0 || input.length > MAX_ALLOWED_IPS) throw credentialError("INVALID_IP_ALLOWLIST");
  const entries = new Set<string>();
  for (const entry of input) {
    const network = typeof entry === "string" ? parseNetwork(entry.trim()) : null;
    if (!network) throw credentialError("INVALID_IP_ALLOWLIST");
    entries.add(formatNetwork(network));
  }
  return [...entries];
}

/**
 * The stored allowlist as the public view shows it: `null` for none. Read defensively, like
 * `permissions`: a value another tool wrote that is not a list of strings shows as `[]`, which
 * is also how it is enforced (from nowhere), so the view never promises more than verification does.
 */
export function readStoredAllowlist(stored: string | null | undefined): string[] | null {
  if (!stored) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === "string") : [];
}

/**
 * Whether the request may use this credential from where it comes. Without an allowlist, true at
 * the cost of one property read: no IP is resolved. With one, the client's address is `clientIp`
 * when a trusted caller vouches for it (remote verification, `verifyApiKey`), else Better Auth's
 * resolution from `source`; no address (no request, `disableIpTracking`, an untrusted forwarded
 * chain) is refused: an allowlist fails closed.
 */
export function ipAllowed(context: AuthContext, row: CredentialRow, source: EventSource, clientIp: string | null | undefined): boolean {
  const stored = row.allowedIps;
  if (!stored) return true;
  const ip = clientIp !== undefined ? clientIp : source ? exactClientIp(source, context.options) : null;
  const address = ip ? parseAddress(ip) : null;
  if (!address) return false;
  for (const network of networksOf(row, stored)) if (networkContains(network, address)) return true;
  return false;
}

/**
 * Memos of derived, immutable data keyed by object identity (a cached row, an instance's options):
 * nothing one `betterAuth()` instance does can be seen by another, and entries go with their key.
 */
const parsedAllowlists = new WeakMap<CredentialRow, { stored: string; networks: readonly IpNetwork[] }>();
const exactIpOptions = new WeakMap<BetterAuthOptions, BetterAuthOptions>();

/** The row's networks, parsed once per cached row: a warm request parses only the client's address. */
function networksOf(row: CredentialRow, stored: string): readonly IpNetwork[] {
  const memo = parsedAllowlists.get(row);
  if (memo?.stored === stored) return memo.networks;
  // Entries that do not parse (written by another tool) match nothing: never wider than written.
  const networks = (readStoredAllowlist(stored) ?? []).map(parseNetwork).filter((network): network is IpNetwork => network !== null);
  parsedAllowlists.set(row, { stored, networks });
  return networks;
}

/**
 * The client's address by Better Auth's own resolution (`advanced.ipAddress`: its headers,
 * `trustedProxies`, `disableIpTracking`), but whole: Better Auth cuts IPv6 addresses to their /64
 * (`ipv6Subnet`) for its rate limits, which would let a whole /64 pass an exact IPv6 entry.
 */
function exactClientIp(source: NonNullable<EventSource>, options: BetterAuthOptions): string | null {
  let exact = exactIpOptions.get(options);
  if (!exact) {
    exact = { ...options, advanced: { ...options.advanced, ipAddress: { ...options.advanced?.ipAddress, ipv6Subnet: 128 } } };
    exactIpOptions.set(options, exact);
  }
  // getIP reads headers through their `get`: Node's header adapter serves as a Headers here.
  return getIP(source as Request | Headers, exact);
}
