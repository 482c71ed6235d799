import type { AuthContext, SecondaryStorage } from "better-auth";

/** What a cache does when a change is reported, here or on another instance. */
export interface InvalidationTarget {
  forgetCredential(id: string): void;
  forgetUser(userId: string): void;
  forgetAll(): void;
}

/**
 * How the instances of one app tell each other that a credential or a user changed, through
 * Better Auth's `secondaryStorage`: an append-only log of ids, read by each instance at most
 * once per poll interval, in the background. See docs/performance.md for the design and bounds.
 */
export interface InvalidationChannel {
  /**
   * Whether cached credentials may be served now. Never waits: when a poll is due it starts one
   * in the background. False when the last successful poll is too old to vouch for the cache.
   */
  cacheIsCurrent(): boolean;
  /**
   * When a read of the log is under way and started less than `CATCH_UP_WAIT_MS` ago, a promise
   * of whether it succeeded, settled when it has or (false) when that time is up; otherwise
   * undefined. A request for a cached credential the cache may not serve yet waits on it rather
   * than read the database; only a read that succeeded vouches for the cache again.
   */
  catchUp(): Promise<boolean> | undefined;
  /** Keeps `cache` current, polling at most every `pollIntervalMs` (the smallest asked for wins). */
  follow(cache: InvalidationTarget, pollIntervalMs: number): void;
  /** Reads where the log stands, before anything is cached; called from the plugins' `init`. */
  start(): Promise<void>;
  /** A credential's row changed or was deleted: forgotten here at once, then published. */
  credentialChanged(id: string): Promise<void>;
  /** A user changed or was deleted: their credentials are forgotten here at once, then published. */
  userChanged(userId: string): Promise<void>;
}

const SEQUENCE_KEY = "better-auth-tokens:invalidation:sequence";
const entryKey = (sequence: number) => `better-auth-tokens:invalidation:${sequence}`;
/**
 * A cached entry is served only while the last successful poll started less than this many
 * intervals ago. The bound documented is one interval more: the margin for a request that
 * passed this check just before the cut, and for timers firing late on a busy process.
 */
const STALE_AFTER_POLL_INTERVALS = 3;
/**
 * How long a request for a cached credential waits for the read of the log under way when the
 * cache cannot vouch for it (after an idle spell): a read answers in one round trip, and each
 * request that waits saves a database read. A stalled read costs a request at most this.
 */
const CATCH_UP_WAIT_MS = 50;
/** Entries read in one poll at most; an instance further behind forgets its whole cache instead. */
const MAX_ENTRIES_PER_POLL = 50;
/** Entries only need to outlive one poll interval; an instance idle for longer forgets everything. */
const ENTRY_TTL_SECONDS = 60;
/** The counter must outlive every instance's memory of it; a reset is detected and costs one cache clear. */
const SEQUENCE_TTL_SECONDS = 365 * 24 * 3600;
/** A storage call slower than this counts as a failure: the instance falls back to the cache TTL. */
const STORAGE_DEADLINE_MS = 1000;

type Entry = { kind: "credential" | "user"; id: string };
type Logger = AuthContext["logger"];

export function createInvalidationChannel(storage: SecondaryStorage | undefined, logger: Logger): InvalidationChannel {
  const followers: InvalidationTarget[] = [];
  const forgetHere = (entry: Entry) => {
    for (const cache of followers) {
      if (entry.kind === "credential") cache.forgetCredential(entry.id);
      else cache.forgetUser(entry.id);
    }
  };
  const local: InvalidationChannel = {
    cacheIsCurrent: () => true,
    catchUp: () => undefined,
    follow: (cache) => void followers.push(cache),
    start: async () => {},
    credentialChanged: async (id) => forgetHere({ kind: "credential", id }),
    userChanged: async (userId) => forgetHere({ kind: "user", id: userId }),
  };
  if (!storage) return local;
  if (typeof storage.increment !== "function") {
    logger.warn(
      "[better-auth-tokens] secondaryStorage has no increment(): credential changes reach other instances within the cache ttl only",
    );
    return local;
  }
  const shared = storage;

  let pollIntervalMs = Number.POSITIVE_INFINITY;
  // "starting" until the first poll; "unreachable" after a failed one, when the TTL is the bound.
  let state: "starting" | "current" | "unreachable" = "starting";
  let lastSequence = 0;
  /** When the last successful poll started: every entry published before then has been applied. */
  let currentAsOf = Number.NEGATIVE_INFINITY;
  let lastPollAt = Number.NEGATIVE_INFINITY;
  /** The poll under way: whether it succeeded. Never rejects. */
  let polling: Promise<boolean> | undefined;
  /** The poll under way, or the end of `CATCH_UP_WAIT_MS` (false), whichever comes first: one per poll. */
  let catchingUp: Promise<boolean> | undefined;
  let reportedDown = false;

  function reportDown(error: unknown) {
    if (reportedDown) return;
    reportedDown = true;
    // The error's class only: a storage's message may echo keys or connection strings.
    logger.warn(
      `[better-auth-tokens] secondaryStorage failed (${error instanceof Error ? error.name : typeof error}): until it answers again, a credential changed on another instance stays accepted here for up to the cache ttl`,
    );
  }

  function reportUp() {
    if (!reportedDown) return;
    reportedDown = false;
    logger.info("[better-auth-tokens] secondaryStorage answers again: credential changes from other instances are applied here again");
  }

  function poll(startedAt: number): Promise<boolean> {
    lastPollAt = startedAt;
    polling = withDeadline(readChanges(startedAt), STORAGE_DEADLINE_MS)
      .then(
        (changes) => {
          apply(changes);
          currentAsOf = startedAt;
          state = "current";
          reportUp();
          return true;
        },
        (error: unknown) => {
          state = "unreachable";
          reportDown(error);
          return false;
        },
      )
      .finally(() => {
        polling = undefined;
        catchingUp = undefined;
      });
    return polling;
  }

  /** Reads only; nothing changes until `apply`, so a poll that times out leaves no trace. */
  async function readChanges(startedAt: number): Promise<{ sequence: number; entries: Entry[] | "all" }> {
    const sequence = readSequence(await shared.get(SEQUENCE_KEY));
    const behind = sequence - lastSequence;
    // After a failure, a counter reset, a long idle or a long backlog, entries may be missing:
    // forgetting everything is always correct, and costs one database read per warm credential.
    if (state !== "current" || behind < 0 || behind > MAX_ENTRIES_PER_POLL || startedAt - currentAsOf > ENTRY_TTL_SECONDS * 1000) {
      return { sequence, entries: "all" };
    }
    if (behind === 0) return { sequence, entries: [] };
    const keys = Array.from({ length: behind }, (_, index) => entryKey(lastSequence + 1 + index));
    const entries = (await Promise.all(keys.map((key) => shared.get(key)))).map(readEntry);
    // A missing entry is one still being written or lost (expired, evicted): forget everything.
    if (entries.some((entry) => entry === undefined)) return { sequence, entries: "all" };
    return { sequence, entries: entries as Entry[] };
  }

  function apply({ sequence, entries }: { sequence: number; entries: Entry[] | "all" }) {
    if (entries === "all") for (const cache of followers) cache.forgetAll();
    else for (const entry of entries) forgetHere(entry);
    lastSequence = sequence;
  }

  async function publish(entry: Entry) {
    forgetHere(entry);
    try {
      await withDeadline(
        (async () => {
          const sequence = await shared.increment(SEQUENCE_KEY, SEQUENCE_TTL_SECONDS);
          await shared.set(entryKey(sequence), `${entry.kind === "credential" ? "c" : "u"}:${entry.id}`, ENTRY_TTL_SECONDS);
        })(),
        STORAGE_DEADLINE_MS,
      );
      reportUp();
    } catch (error) {
      reportDown(error);
    }
  }

  return {
    cacheIsCurrent() {
      const now = performance.now();
      if (polling === undefined && now - lastPollAt >= pollIntervalMs) void poll(now);
      if (state === "unreachable") return true;
      return now - currentAsOf < pollIntervalMs * STALE_AFTER_POLL_INTERVALS;
    },
    catchUp() {
      if (polling === undefined) return undefined;
      const waited = performance.now() - lastPollAt;
      if (waited >= CATCH_UP_WAIT_MS) return undefined;
      catchingUp ??= Promise.race([polling, delay(CATCH_UP_WAIT_MS - waited).then(() => false)]);
      return catchingUp;
    },
    follow(cache, intervalMs) {
      followers.push(cache);
      pollIntervalMs = Math.min(pollIntervalMs, intervalMs);
    },
    async start() {
      if (followers.length === 0 || state !== "starting") return;
      await (polling ?? poll(performance.now()));
    },
    credentialChanged: (id) => publish({ kind: "credential", id }),
    userChanged: (userId) => publish({ kind: "user", id: userId }),
  };
}

/** Redis answers a string; other storages may parse it into a number. */
function readSequence(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const sequence = Number(value);
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new UnreadableSequence();
  return sequence;
}

function readEntry(value: unknown): Entry | undefined {
  if (typeof value !== "string" || value.length < 3 || value[1] !== ":") return undefined;
  const id = value.slice(2);
  if (value[0] === "c") return { kind: "credential", id };
  if (value[0] === "u") return { kind: "user", id };
  return undefined;
}

/** A pause that keeps no process alive. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
  });
}

class UnreadableSequence extends Error {
  override name = "UnreadableSequence";
}

class StorageTimeout extends Error {
  override name = "StorageTimeout";
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageTimeout()), ms);
    // A pending poll must not keep a process alive that has nothing else to do.
    (timer as { unref?: () => void }).unref?.();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
