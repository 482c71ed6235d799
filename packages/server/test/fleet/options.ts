import { apiKey } from "../../src/index";

/** Every key of the fleet: 100 verifications per clock-aligned minute, 10 keys per user. */
export const FLEET_RATE_LIMIT = { max: 100, window: 60 };
export const FLEET_MAX_KEYS_PER_USER = 10;

/**
 * The plugins of every process of the fleet, and of the parent that migrates their schema. One
 * configuration serves all three scenarios; each scenario has users of its own.
 */
export function fleetPlugins() {
  return [apiKey({ rateLimit: FLEET_RATE_LIMIT, maxKeysPerUser: FLEET_MAX_KEYS_PER_USER })];
}

/** The line a process prints on stdout once it serves HTTP. */
export const READY_LINE = /^fleet instance listening on http:\/\/127\.0\.0\.1:(\d+)$/;
