import { useId, useRef, useState } from "react";
import { classFor, type TokensClassNames } from "../class-names";
import { useTokensContext } from "../context";
import { errorMessage } from "../error-message";
import { fill } from "../localization";
import type { ExpiryPolicy } from "../expiry-choices";
import type { ClientError, CreatedCredential, CredentialItem } from "../types";
import type { CredentialsState } from "../use-credentials";
import { ConfirmDialog } from "./confirm-dialog";
import { CreateDialog, type PermissionOption } from "./create-dialog";
import { CredentialRow } from "./credential-row";
import { InlineError } from "./inline-error";
import { SecretDialog } from "./secret-dialog";

/** Props every card takes. */
export interface CardProps extends ExpiryPolicy {
  /**
   * Permissions the user may grant, picked in the create dialog. Left out or empty: no picker,
   * no `permissions` sent, and the server's `defaultPermissions` apply.
   * @default no picker
   */
  permissions?: PermissionOption[];
  /** Permissions ticked when the dialog opens. @default the first of `permissions` */
  defaultPermissions?: string[];
  /** An extra class per part. */
  classNames?: TokensClassNames;
  /** The card's own class. */
  className?: string;
  /** Show at most this many (1 to 100: the server refuses a larger page), newest first, with a note when there are more. @default all */
  limit?: number;
  /** The server's `maxRollGracePeriod` in seconds: the roll dialog offers nothing longer. @default 7 days */
  maxRollGracePeriod?: number;
}

interface CredentialsCardProps extends CardProps {
  state: CredentialsState;
  title: string;
  description: string;
  createLabel: string;
  createTitle: string;
  emptyLabel: string;
  /** What the signed-in user may do, and why that is unknown if it is; all by default. */
  access?: { create: boolean; update: boolean; revoke: boolean; error?: ClientError | null };
  /** A note shown when the user may do nothing but look. */
  readOnlyNote?: string;
}

/** The list card shared by API keys, organization keys and personal tokens. */
export function CredentialsCard(props: CredentialsCardProps) {
  const { session } = useTokensContext();
  // Another user signed in: an open dialog about the previous user's credential goes with them.
  return <Card key={session} {...props} />;
}

function Card(props: CredentialsCardProps) {
  const { localization: t } = useTokensContext();
  const { state, classNames } = props;
  const access = props.access ?? { create: true, update: true, revoke: true };
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<CreatedCredential | null>(null);
  const [confirm, setConfirm] = useState<{ item: CredentialItem; action: "revoke" | "roll" } | null>(null);
  const [actionError, setActionError] = useState<ClientError | null>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const fallback = access.create ? createButton : heading;
  const shown = actionError ?? state.error ?? props.access?.error ?? null;

  async function create(input: Parameters<CredentialsState["create"]>[0]) {
    const { data, error } = await state.create(input);
    if (data) {
      setCreating(false);
      setSecret(data);
    }
    return error;
  }
  async function confirmAction(gracePeriod: number) {
    if (!confirm) return null;
    if (confirm.action === "revoke") {
      const error = await state.revoke(confirm.item.id);
      if (!error) setConfirm(null);
      return error;
    }
    const { data, error } = (await state.roll?.(confirm.item.id, gracePeriod)) ?? { data: null, error: null };
    if (data) {
      setConfirm(null);
      setSecret({ ...data, name: data.name || confirm.item.name });
    }
    return error;
  }

  const items = state.data ?? [];
  return (
    <section aria-labelledby={titleId} className={`${classFor(classNames, "root", "bat-card")}${props.className ? ` ${props.className}` : ""}`}>
      <div className={classFor(classNames, "header", "bat-header")}>
        <div>
          <h2 id={titleId} ref={heading} tabIndex={-1} className={classFor(classNames, "title", "bat-title")}>
            {props.title}
          </h2>
          <p className={classFor(classNames, "description", "bat-description")}>{props.description}</p>
        </div>
        {access.create ? (
          <button type="button" ref={createButton} onClick={() => setCreating(true)} className={classFor(classNames, "primaryButton", "bat-button bat-primary")}>
            {props.createLabel}
          </button>
        ) : null}
      </div>
      {props.readOnlyNote && !access.create && !access.update && !access.revoke ? <p className="bat-note">{props.readOnlyNote}</p> : null}
      <InlineError error={shown ? errorMessage(shown, t) : null} code={shown?.code} classNames={classNames} />
      {state.data === null && state.isLoading ? (
        <ul className={classFor(classNames, "list", "bat-list")} aria-busy="true" aria-label={t.loading}>
          {[0, 1].map((row) => (
            <li key={row} className={classFor(classNames, "skeleton", "bat-item bat-skeleton")}>
              <span className="bat-skeleton-line" />
              <span className="bat-skeleton-line bat-skeleton-short" />
            </li>
          ))}
        </ul>
      ) : state.data !== null && items.length === 0 ? (
        <p className={classFor(classNames, "empty", "bat-empty")}>{props.emptyLabel}</p>
      ) : items.length > 0 ? (
        <ul className={classFor(classNames, "list", "bat-list")} aria-label={props.title}>
          {items.map((item) => (
            <CredentialRow
              key={item.id}
              item={item}
              classNames={classNames}
              onToggle={
                access.update
                  ? async (enabled) => {
                      setActionError(await state.update(item.id, { enabled }));
                    }
                  : null
              }
              onRoll={access.update && state.roll ? () => setConfirm({ item, action: "roll" }) : null}
              onRevoke={access.revoke ? () => setConfirm({ item, action: "revoke" }) : null}
            />
          ))}
        </ul>
      ) : null}
      {state.total !== null && state.total > items.length ? (
        <p className="bat-note">{fill(t.showingOf, { count: items.length, total: state.total })}</p>
      ) : null}
      <CreateDialog
        open={creating}
        title={props.createTitle}
        onClose={() => setCreating(false)}
        onCreate={create}
        policy={props}
        permissions={props.permissions}
        defaultPermissions={props.defaultPermissions}
        fallbackFocus={fallback}
        classNames={classNames}
      />
      <SecretDialog created={secret} onClose={() => setSecret(null)} fallbackFocus={fallback} classNames={classNames} />
      <ConfirmDialog
        target={confirm}
        onClose={() => setConfirm(null)}
        onConfirm={confirmAction}
        fallbackFocus={fallback}
        classNames={classNames}
        maxGracePeriod={props.maxRollGracePeriod}
      />
    </section>
  );
}
