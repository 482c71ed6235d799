import { describe, expect, it } from "vitest";
import { limitColumns } from "./credential-limits";
import type { CredentialRow } from "./credential-table";

// The rules a server-side update will follow once management calls without a session exist:
// pure, so they are held here directly.
const now = new Date("2026-01-01T00:00:00Z");
const stored = {
  id: "k",
  createdAt: new Date("2025-12-01T00:00:00Z"),
  remaining: 40,
  refillAmount: 100,
  refillInterval: 3_600_000,
  lastRefillAt: new Date("2025-12-31T23:30:00Z"),
  rateLimitEnabled: true,
  rateLimitTimeWindow: 60_000,
  rateLimitMax: 5,
} as CredentialRow;
const server = (input: Parameters<typeof limitColumns>[2], current: CredentialRow | null = stored) => limitColumns(false, false, input, current, now);

describe("limitColumns for server-side calls", () => {
  it("removes the refill with the quota, and refuses removing the quota while asking for a refill", () => {
    expect(server({ remaining: null })).toEqual({ remaining: null, refillAmount: null, refillInterval: null, lastRefillAt: null });
    expect(() => server({ remaining: null, refillAmount: 5, refillInterval: 1000 })).toThrow(expect.objectContaining({ body: expect.objectContaining({ code: "INVALID_QUOTA" }) }));
  });

  it("starts a refill-only quota at its amount, keeps what is left out, and restarts the refill clock", () => {
    expect(server({ refillAmount: 10, refillInterval: 1000 }, null)).toEqual({ remaining: 10, refillAmount: 10, refillInterval: 1000, lastRefillAt: now });
    expect(server({ refillInterval: 7_200_000 })).toEqual({ remaining: 40, refillAmount: 100, refillInterval: 7_200_000, lastRefillAt: now });
  });

  it("keeps the key's own window when only the maximum changes, and needs both to turn a limit on", () => {
    expect(server({ rateLimitMax: 9 })).toEqual({ rateLimitEnabled: true, rateLimitTimeWindow: 60_000, rateLimitMax: 9 });
    expect(server({ rateLimitEnabled: false })).toEqual({ rateLimitEnabled: false });
    expect(() => server({ rateLimitMax: 9 }, null)).toThrow(expect.objectContaining({ body: expect.objectContaining({ code: "INVALID_RATE_LIMIT" }) }));
  });

  it("lets a signed-in user with clientQuota lower what is left, counting a refill that is due", () => {
    const due = { ...stored, remaining: 0, lastRefillAt: new Date("2025-12-31T22:00:00Z") } as CredentialRow;
    const bounds = { maxRemaining: 1000, minRefillInterval: 60_000 };
    expect(limitColumns(bounds, true, { remaining: 80 }, due, now)).toMatchObject({ remaining: 80, lastRefillAt: now });
    expect(() => limitColumns(bounds, true, { remaining: 101 }, due, now)).toThrow(expect.objectContaining({ body: expect.objectContaining({ code: "QUOTA_NOT_ALLOWED" }) }));
  });
});
