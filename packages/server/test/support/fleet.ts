import { createTestAuth, observeSecondaryStorage, sharedSecondaryStorage } from "@better-auth-tokens/test-utils";
import type { BetterAuthPlugin, SecondaryStorage } from "better-auth";

/** Which secondary storage the fleet shares: Redis in the postgres+redis project, memory elsewhere. */
export const fleetStorageName = process.env.TEST_SECONDARY_STORAGE === "redis" ? "redis" : "memory storage";

/**
 * `count` `betterAuth()` instances on one database and one `secondaryStorage`, as a fleet behind
 * a load balancer is. `plugins` is called once per instance: each gets its own plugin state.
 */
export function createFleet(
  count: number,
  plugins: () => BetterAuthPlugin[],
  secondaryStorage: SecondaryStorage = sharedSecondaryStorage(),
) {
  const first = createTestAuth({ plugins: plugins(), options: { secondaryStorage } });
  const rest = Array.from({ length: count - 1 }, () =>
    createTestAuth({ shareStorageWith: first, plugins: plugins(), options: { secondaryStorage } }),
  );
  return [first, ...rest];
}

export type FleetInstance = ReturnType<typeof createFleet>[number];

/** A storage for a fleet that records every call and fails or stalls calls on demand. */
export function fleetStorage() {
  return observeSecondaryStorage(sharedSecondaryStorage());
}

/** The keys `increment` was called with, in order. */
export function incrementedKeys(observed: ReturnType<typeof fleetStorage>) {
  return observed.calls.filter((call) => call.operation === "increment").map((call) => call.key);
}
