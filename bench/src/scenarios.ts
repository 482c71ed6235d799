import { createHash } from "node:crypto";
import { createVerifier } from "@better-auth-tokens/server";
import type { Backend } from "./backends";

/**
 * Calls kept running at once on the rows that compare Redis's cost as throughput: a server has
 * many requests under way, so a round trip to Redis overlaps with other requests' work.
 */
export const IN_FLIGHT = 16;

export interface Scenario {
  id: "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h";
  label: string;
  cache: "on" | "off" | "-";
  /** Calls at once: 1 (one at a time, the latency of a call) unless stated. */
  inFlight?: number;
  run: () => Promise<unknown>;
  adapterCalls?: Backend["logs"][keyof Backend["logs"]];
  storageCalls?: { count: number };
}

/** Every row of the comparison on one backend, each a single in-process call. */
export function scenariosFor(backend: Backend): Scenario[] {
  const noCredential = new Headers();
  const ourKey = new Headers({ "x-api-key": backend.ourKey });
  const upstreamKey = new Headers({ "x-api-key": backend.upstreamKey });
  const personalToken = new Headers({ authorization: `Bearer ${backend.personalToken}` });
  const cachedVerifier = createVerifier(backend.oursCached);
  const uncachedVerifier = createVerifier(backend.oursUncached);
  const expectSession = async (promise: Promise<unknown>) => {
    if (!(await promise)) throw new Error("benchmark call did not authenticate");
  };
  // The practical limit: hash the key and look it up in a Map, nothing else.
  const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
  const byHash = new Map([[sha256(backend.ourKey), { userId: "bench" }]]);

  const scenarios: Scenario[] = [
    {
      id: "a",
      label: "floor: Better Auth alone, getSession",
      cache: "-",
      run: () => backend.floor.api.getSession({ headers: noCredential }),
      adapterCalls: backend.logs.floor,
    },
    {
      id: "b",
      label: "upstream @better-auth/api-key, X-API-Key",
      cache: "-",
      run: () => expectSession(backend.upstream.api.getSession({ headers: upstreamKey })),
      adapterCalls: backend.logs.upstream,
    },
    {
      id: "c",
      label: "ours, getSession via X-API-Key",
      cache: "on",
      run: () => expectSession(backend.oursCached.api.getSession({ headers: ourKey })),
      adapterCalls: backend.logs.oursCached,
    },
    {
      id: "c",
      label: "ours, getSession via X-API-Key",
      cache: "off",
      run: () => expectSession(backend.oursUncached.api.getSession({ headers: ourKey })),
      adapterCalls: backend.logs.oursUncached,
    },
    {
      id: "d",
      label: "ours, getSession via Bearer personal token",
      cache: "on",
      run: () => expectSession(backend.oursCached.api.getSession({ headers: personalToken })),
      adapterCalls: backend.logs.oursCached,
    },
    {
      id: "d",
      label: "ours, getSession via Bearer personal token",
      cache: "off",
      run: () => expectSession(backend.oursUncached.api.getSession({ headers: personalToken })),
      adapterCalls: backend.logs.oursUncached,
    },
    {
      id: "e",
      label: "ours, createVerifier().verify",
      cache: "on",
      run: () => expectSession(cachedVerifier.verify(ourKey)),
      adapterCalls: backend.logs.oursCached,
    },
    {
      id: "e",
      label: "ours, createVerifier().verify",
      cache: "off",
      run: () => expectSession(uncachedVerifier.verify(ourKey)),
      adapterCalls: backend.logs.oursUncached,
    },
    {
      id: "f",
      label: "practical limit: SHA-256 + Map",
      cache: "-",
      run: async () => {
        if (!byHash.get(sha256(backend.ourKey))) throw new Error("practical limit lookup failed");
      },
    },
  ];
  // Row (c)'s request, cache on, with Redis as secondaryStorage: off, a warm request should make no
  // Redis call (invalidations are polled in the background); on, it makes one `increment`. Measured
  // and shown right after (c), so that a change in the machine's load hits the rows compared alike:
  // one at a time, where each call waits out its round trip, and with IN_FLIGHT calls at once,
  // where the throughput a server gets shows.
  if (backend.redis) {
    const cachedC = scenarios.find((scenario) => scenario.id === "c" && scenario.cache === "on")!;
    const withRedis = [
      ["g", backend.redis.rateLimitOff, "off"],
      ["h", backend.redis.rateLimitOn, "on"],
    ] as const;
    const redisRows = withRedis.map(
      ([id, instance, limit]): Scenario => ({
        id,
        label: `ours (c) + Redis secondaryStorage, rate limit ${limit}`,
        cache: "on",
        run: () => expectSession(instance.auth.api.getSession({ headers: ourKey })),
        adapterCalls: instance.adapterCalls,
        storageCalls: instance.storageCalls,
      }),
    );
    const inFlight = [cachedC, ...redisRows].map((scenario): Scenario => ({ ...scenario, inFlight: IN_FLIGHT }));
    scenarios.splice(scenarios.indexOf(cachedC) + 1, 0, ...redisRows, ...inFlight);
  }
  return scenarios;
}
