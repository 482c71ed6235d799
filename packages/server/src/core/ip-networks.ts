import ipaddr from "ipaddr.js";

/** An IPv4 or IPv6 address, parsed. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** One allowlist entry, parsed: an address and how many leading bits of it must match (32 or 128 for one address). */
export interface IpNetwork {
  address: IpAddress;
  bits: number;
}

/** IPv4 as four plain decimal parts: ipaddr.js also reads `127.1`, `0x7f.0.0.1` and octal `010.0.0.1`, which no one means in a list. */
const FOUR_PART_DECIMAL = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/;
const PREFIX = /^(0|[1-9]\d{0,2})$/;
/** The characters an IPv6 address is written with (zone ids, `%eth0`, are not: they name an interface of one host). */
const IPV6_CHARACTERS = /^[0-9a-fA-F:.]+$/;

/**
 * Reads `"203.0.113.7"`, `"10.0.0.0/8"`, `"2001:db8::1"` or `"2001:db8::/32"` strictly, or null.
 * A range must name its first address: `10.1.2.3/8` is refused rather than widened, since it is
 * most often a typo for `/32` that would open a whole block. An IPv4-mapped IPv6 entry
 * (`::ffff:192.0.2.1`, `::ffff:192.0.2.0/120`) is read as the IPv4 address or range it maps.
 */
export function parseNetwork(entry: string): IpNetwork | null {
  const slash = entry.indexOf("/");
  const written = slash === -1 ? entry : entry.slice(0, slash);
  const address = parseAddress(written);
  if (!address) return null;
  const maxBits = address.kind() === "ipv4" ? 32 : 128;
  let bits = maxBits;
  if (slash !== -1) {
    const prefix = entry.slice(slash + 1);
    if (!PREFIX.test(prefix)) return null;
    bits = Number(prefix);
    // A mapped range was written in IPv6 bits; its IPv4 form keeps the last 32.
    if (address.kind() === "ipv4" && isIpv6Text(written)) bits -= 96;
    if (bits < 0 || bits > maxBits) return null;
  }
  const network = { address, bits };
  return sameAddress(firstAddressOf(network), address) ? network : null;
}

/** The entry as stored and shown: `10.0.0.0/8`, `2001:db8::/32`, and a single address without `/32` or `/128`. */
export function formatNetwork({ address, bits }: IpNetwork): string {
  const text = address.kind() === "ipv6" ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
  return bits === (address.kind() === "ipv4" ? 32 : 128) ? text : `${text}/${bits}`;
}

/**
 * An address as Better Auth resolves it (IPv6 fully written out, IPv4-mapped IPv6 already as IPv4)
 * or as a trusted caller passes it; null for anything else. IPv4-mapped IPv6 is read as IPv4, so
 * `::ffff:203.0.113.7` matches an entry `203.0.113.7`.
 */
export function parseAddress(text: string): IpAddress | null {
  if (FOUR_PART_DECIMAL.test(text)) return ipaddr.IPv4.isValid(text) ? ipaddr.IPv4.parse(text) : null;
  if (!IPV6_CHARACTERS.test(text) || !ipaddr.IPv6.isValid(text)) return null;
  const address = ipaddr.IPv6.parse(text);
  return address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

/** Whether `address` is in `network`; an IPv4 address is never in an IPv6 network, nor the reverse. */
export function networkContains(network: IpNetwork, address: IpAddress): boolean {
  return address.kind() === network.address.kind() && address.match(network.address, network.bits);
}

function isIpv6Text(text: string): boolean {
  return text.includes(":");
}

function firstAddressOf({ address, bits }: IpNetwork): IpAddress {
  const bytes = address.toByteArray();
  for (let index = 0; index < bytes.length; index += 1) {
    const kept = Math.max(0, Math.min(8, bits - index * 8));
    bytes[index] = bytes[index]! & ((0xff << (8 - kept)) & 0xff);
  }
  return ipaddr.fromByteArray(bytes);
}

function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.kind() === b.kind() && a.toNormalizedString() === b.toNormalizedString();
}
