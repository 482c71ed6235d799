import type { AuthContext, GenericEndpointContext } from "better-auth";
import { getIP, getSessionFromCtx } from "better-auth/api";
import type { CredentialConfig } from "./credential-config";
import { impersonatorOf } from "./impersonator";
import { readSessionRow } from "./session-row";
import type { HeaderSource } from "./read-credential";
import type { CredentialChanges, CredentialRow } from "./credential-table";
import type { OwnerScope } from "./credential-service";

/** A column an update wrote: what was sent, and a quota's or rate limit's columns, written together. */
export type ChangedColumn =
  | keyof CredentialChanges
  | keyof Pick<CredentialRow, "remaining" | "refillAmount" | "refillInterval" | "lastRefillAt" | "rateLimitEnabled" | "rateLimitTimeWindow" | "rateLimitMax">;

/** Who changed a credential: a signed-in user, the app's own server code, or a secret-scanning report. */
export type CredentialEventActor =
  | {
      type: "user";
      userId: string;
      /**
       * The admin's user id when the user's session is an impersonation (`admin()`'s
       * `impersonatedBy`): the admin acted, as the user. Absent (no key at all) otherwise.
       */
      impersonatedBy?: string;
    }
  | { type: "server" }
  | { type: "secret-scanning" };

/** Why a credential that exists was refused. An unknown or forged value is never an event. */
export type CredentialRejectionReason =
  | "expired"
  | "disabled"
  | "rate-limited"
  | "usage-exceeded"
  | "banned-user"
  | "insufficient-permissions"
  /** An IP allowlist that does not hold the client's address, or no address could be resolved. */
  | "ip-not-allowed";

/** What every event carries: ids and request facts, never a secret, a hash or a key's `start`. */
export interface CredentialEventBase {
  credentialId: string;
  /** `"api-key"` or `"personal-token"`. */
  kind: CredentialConfig["authMethod"];
  /** The configuration the credential belongs to (`"default"`, `"organization"`, `"personal-token"`, …). */
  configId: string;
  owner: { type: "user" | "organization"; id: string };
  /** The client's IP as Better Auth resolves it (`advanced.ipAddress`); null without a request or with IP tracking off. */
  ipAddress: string | null;
  userAgent: string | null;
  timestamp: Date;
}

/** One thing that happened to a credential; narrow on `type`. */
export type CredentialEvent =
  | (CredentialEventBase & { type: "created"; actor: CredentialEventActor })
  | (CredentialEventBase & { type: "updated"; actor: CredentialEventActor; changed: ChangedColumn[] })
  | (CredentialEventBase & { type: "rolled"; actor: CredentialEventActor })
  | (CredentialEventBase & { type: "revoked"; actor: CredentialEventActor })
  /** The first accepted verification since the credential was made. */
  | (CredentialEventBase & { type: "first-used" })
  | (CredentialEventBase & { type: "rejected"; reason: CredentialRejectionReason });

/** Receives events after the response is under way; what it returns or throws never reaches the request. */
export type CredentialEventHandler = (event: CredentialEvent) => void | Promise<void>;

type WithoutCommon<E> = E extends unknown ? Omit<E, "kind" | "configId" | "ipAddress" | "userAgent" | "timestamp"> : never;

/** What a caller names; the kind, the request's IP and user agent, and the time are added here. */
export type CredentialEventInput = WithoutCommon<CredentialEvent>;

/** Where a request's IP and user agent are read from, when there is a request. */
export type EventSource = Request | HeaderSource | undefined;

/**
 * Emits an event for a management call (create, update, roll, revoke, …): the request's IP and
 * user agent come from the endpoint's context, absent for server-side calls.
 */
export function emitCredentialEvent(ctx: GenericEndpointContext, kind: CredentialConfig, event: CredentialEventInput): void {
  emitWithSource(ctx.context, kind, event, ctx.request ?? ctx.headers);
}

/** As `emitCredentialEvent`, where the request is only a `Request` or its headers (verification paths). */
export function emitWithSource(context: AuthContext, kind: CredentialConfig, input: CredentialEventInput, source: EventSource): void {
  const handler = kind.onEvent;
  if (!handler) return;
  const event = {
    ...input,
    kind: kind.authMethod,
    configId: kind.configId,
    // Better Auth's getIP reads headers through get(), so Node's header object serves as well.
    ipAddress: source ? getIP(source as Request | Headers, context.options) : null,
    userAgent: (source instanceof Request ? source.headers : source)?.get("user-agent") ?? null,
    timestamp: new Date(),
  } as CredentialEvent;
  // A macrotask, not a microtask: a handler that blocks synchronously still runs after this request's
  // work, and Better Auth's background runner (`advanced.backgroundTasks`, e.g. `waitUntil`) keeps a
  // serverless function alive until it settles.
  const delivery = new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(() => handler(event))
    .then(undefined, (error: unknown) => {
      // The error's class only: a message could quote the event, or anything the handler read.
      context.logger.error(`Credential event handler failed on a "${event.type}" event: ${error instanceof Error ? error.name : typeof error}`);
    });
  try {
    context.runInBackground(delivery);
  } catch (error) {
    // An app's `backgroundTasks` handler that throws (e.g. `waitUntil` outside a request) must not fail this one.
    context.logger.error(`Could not schedule a credential event: ${error instanceof Error ? error.name : typeof error}`);
  }
}

/** Who made a management call, as the scope it works in records it. */
export function actorOf(scope: Pick<OwnerScope, "signedIn" | "createdBy" | "impersonatedBy">): CredentialEventActor {
  return scope.signedIn && scope.createdBy ? userActor(scope.createdBy, scope.impersonatedBy) : { type: "server" };
}

/** A signed-in user as an event names them: with the admin impersonating them, only when one is. */
export function userActor(userId: string, impersonatedBy: string | null): CredentialEventActor {
  return impersonatedBy ? { type: "user", userId, impersonatedBy } : { type: "user", userId };
}

/**
 * Who made the request a hook runs in (an organization's or a user's deletion): its signed-in
 * user, read without sliding its expiry, with the admin behind an impersonation; else the server
 * (server code, or no endpoint at all). The row is read where it still exists, since the cookie
 * cache hides a `returned: false` `impersonatedBy`; a user's deletion deletes their sessions with
 * them, and then the session the endpoint ran with answers.
 */
export async function requestActor(ctx: GenericEndpointContext | null): Promise<CredentialEventActor> {
  if (!ctx) return { type: "server" };
  const ran = ctx.context.session ?? (await getSessionFromCtx(ctx, { disableRefresh: true }).catch(() => null));
  const row = await readSessionRow(ctx).catch(() => null);
  // Reading the row set the context's session aside: what later hooks see stays what they saw.
  if (!row) ctx.context.session = ran;
  const session = row ?? ran;
  return session ? userActor(session.user.id, impersonatorOf(session.session)) : { type: "server" };
}

/** The owner an event names, from the scope a management call works in. */
export function ownerOf(scope: Pick<OwnerScope, "ownerId" | "ownerModel">): CredentialEventBase["owner"] {
  return { type: scope.ownerModel, id: scope.ownerId };
}
