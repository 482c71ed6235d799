import type { GenericEndpointContext } from "better-auth";
import { credentialError } from "./credential-errors";
import type { CredentialKind } from "./credential-runtime";
import type { OwnerScope } from "./credential-service";
import type { CredentialRow } from "./credential-table";

/**
 * A call from the app's own server code: `auth.api.*` with neither `request` nor `headers`.
 * Only such a call may address any owner's credentials; an app route that forwards a browser's
 * headers is a client call and stays limited to the signed-in caller (see `resolve-actor.ts`).
 */
export function isServerCall(ctx: GenericEndpointContext): boolean {
  return !ctx.request && !ctx.headers;
}

/** The owner scope of a row, as trusted server code acts on it: no signed-in caller, no creator. */
export function serverScopeOf(kind: Pick<CredentialKind, "references">, row: Pick<CredentialRow, "referenceId">): OwnerScope {
  return { ownerId: row.referenceId, ownerModel: kind.references, createdBy: null, signedIn: false, impersonatedBy: null };
}

/** For a server call: the scope of whoever owns the credential `id` of this kind; 404 when there is none. */
export async function serverScopeForId(ctx: GenericEndpointContext, kind: CredentialKind, id: string): Promise<OwnerScope> {
  const row = await kind.store.findById(ctx.context.adapter, id);
  if (!row) throw credentialError("NOT_FOUND");
  return serverScopeOf(kind, row);
}
