import { describe, expect, it } from "vitest";
import { formatNetwork, networkContains, parseAddress, parseNetwork } from "./ip-networks";

const contains = (entry: string, ip: string) => networkContains(parseNetwork(entry)!, parseAddress(ip)!);

describe("parseNetwork", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["10.0.0.0/8", "10.0.0.0/8"],
    ["203.0.113.7/32", "203.0.113.7"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:db8::/32", "2001:db8::/32"],
    ["2001:db8::1/128", "2001:db8::1"],
    ["::/0", "::/0"],
    ["::ffff:198.51.100.9", "198.51.100.9"],
    ["::ffff:c633:6409", "198.51.100.9"],
    ["::ffff:198.51.100.0/120", "198.51.100.0/24"],
  ])("reads %s as %s", (entry, expected) => {
    expect(formatNetwork(parseNetwork(entry)!)).toBe(expected);
  });

  it.each([
    ["a range that does not start at its first address", "10.1.2.3/8"],
    ["an IPv6 range with host bits", "2001:db8::1/32"],
    ["an IPv4 prefix over 32", "10.0.0.0/33"],
    ["an IPv6 prefix over 128", "2001:db8::/129"],
    ["a prefix with a leading zero", "10.0.0.0/08"],
    ["a signed prefix", "10.0.0.0/+8"],
    ["an empty prefix", "10.0.0.0/"],
    ["two prefixes", "10.0.0.0/8/8"],
    ["an octet over 255", "256.0.0.1"],
    ["a short IPv4 form", "127.1"],
    ["an octal part", "010.0.0.1"],
    ["a hexadecimal part", "0x7f.0.0.1"],
    ["a zone id", "fe80::1%eth0"],
    ["a mapped range wider than IPv4", "::ffff:0:0/95"],
    ["a hostname", "localhost"],
    ["white space inside", "203.0.113.7 "],
    ["nothing", ""],
  ])("refuses %s (%s)", (_, entry) => {
    expect(parseNetwork(entry)).toBeNull();
  });
});

describe("networkContains", () => {
  it("matches addresses in a range, IPv4-mapped IPv6 as IPv4, and never across families", () => {
    expect(contains("10.0.0.0/8", "10.255.255.255")).toBe(true);
    expect(contains("10.0.0.0/8", "11.0.0.0")).toBe(false);
    expect(contains("203.0.113.7", "::ffff:203.0.113.7")).toBe(true);
    expect(contains("2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001")).toBe(true);
    expect(contains("2001:db8::1", "2001:db8::2")).toBe(false);
    expect(contains("0.0.0.0/0", "2001:db8::1")).toBe(false);
    expect(contains("::/0", "203.0.113.7")).toBe(false);
    expect(contains("::/0", "2001:db8::1")).toBe(true);
  });
});
