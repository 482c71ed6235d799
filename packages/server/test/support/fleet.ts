import type { SecondaryStorage } from "better-auth";
import { createTestAuth, sharedSecondaryStorage } from "@better-auth-tokens/test-utils";
import type { BetterAuthPlugin } from "better-auth";

/** Which secondary storage the fleet shares: Redis in the postgres+redis project, memory elsewhere. */
export const fleetStorageName = process.env.TEST_SECONDARY_STORAGE === "redis" ? "redis" : "memory storage";

/**
 * `count` `betterAuth()` instances on one database and one `secondaryStorage`, as a fleet behind
 * a load balancer is. `plugins` is called once per instance: each gets its own plugin state.
 */
export function createFleet(count: number, plugins: () => BetterAuthPlugin[], secondaryStorage: SecondaryStorage = fleetStorage()) {
  const first = createTestAuth({ plugins: plugins(), options: { secondaryStorage } });
  const rest = Array.from({ length: count - 1 }, () =>
    createTestAuth({ shareStorageWith: first, plugins: plugins(), options: { secondaryStorage } }),
  );
  return [first, ...rest];
}

/** The storage a fleet shares, with every `increment` key it was asked for recorded. */
export function fleetStorage() {
  const storage = sharedSecondaryStorage();
  const incremented: string[] = [];
  const recorded: SecondaryStorage & { incremented: string[] } = {
    ...storage,
    incremented,
    increment: (key, ttl) => {
      incremented.push(key);
      return storage.increment(key, ttl);
    },
  };
  return recorded;
}

export type FleetInstance = ReturnType<typeof createFleet>[number];
