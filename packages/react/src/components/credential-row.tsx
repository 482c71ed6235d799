import { useId, useState } from "react";
import { classFor, type TokensClassNames } from "../class-names";
import { useTokensContext } from "../context";
import { fill } from "../localization";
import { formatDate, formatDateTime, formatDuration, formatPermissions } from "../format";
import type { CredentialItem } from "../types";

export interface CredentialRowProps {
  item: CredentialItem;
  /** Shows the enabled switch (the server must have `update` for this kind). */
  onToggle: ((enabled: boolean) => Promise<void>) | null;
  onRoll: (() => void) | null;
  onRevoke: (() => void) | null;
  classNames?: TokensClassNames | undefined;
}

/** One credential: name and start, permissions, dates, quota and pending roll, and its controls. */
export function CredentialRow({ item, onToggle, onRoll, onRevoke, classNames }: CredentialRowProps) {
  const { localization: t, locale } = useTokensContext();
  const [toggling, setToggling] = useState(false);
  const ids = useId();
  const expired = item.expiresAt !== null && item.expiresAt.getTime() <= Date.now();
  const meta: [string, string][] = [];
  if (item.permissions) meta.push([t.permissions, formatPermissions(item.permissions) || t.noPermissions]);
  meta.push([t.created, formatDate(item.createdAt, locale)]);
  meta.push([t.lastUsed, item.lastUsedAt ? formatDate(item.lastUsedAt, locale) : t.neverUsed]);
  meta.push([t.expires, item.expiresAt ? formatDate(item.expiresAt, locale) : t.noExpiry]);
  const notes: string[] = [];
  if (typeof item.remaining === "number") {
    const count = new Intl.NumberFormat(locale);
    let quota = fill(t.remaining, { remaining: count.format(item.remaining) });
    if (item.refillAmount && item.refillInterval) {
      quota += ` · ${fill(t.refill, { amount: count.format(item.refillAmount), interval: formatDuration(item.refillInterval, locale) })}`;
      const from = item.lastRefillAt ?? item.createdAt;
      quota += ` · ${fill(t.nextRefill, { date: formatDateTime(new Date(from.getTime() + item.refillInterval), locale) })}`;
    }
    notes.push(quota);
  }
  if (item.previousSecretExpiresAt) notes.push(fill(t.pendingRoll, { date: formatDateTime(item.previousSecretExpiresAt, locale) }));
  const button = classFor(classNames, "button", "bat-button bat-small");
  const [switchBefore = "", switchAfter = ""] = t.enableCredential.split("{name}").map((part) => part.trim());

  return (
    <li className={classFor(classNames, "item", "bat-item")} data-name={item.name} data-enabled={item.enabled === false ? "false" : "true"}>
      <div className="bat-item-main">
        <div className="bat-item-head">
          <bdi id={`${ids}name`} className={classFor(classNames, "itemName", "bat-item-name")}>
            {item.name}
          </bdi>
          {item.start ? <code className={classFor(classNames, "start", "bat-start")}>{item.start}…</code> : null}
          {expired ? <span className={classFor(classNames, "badge", "bat-badge bat-badge-danger")}>{t.expired}</span> : null}
          {/* Said in words, not only by the switch: a member who cannot toggle it sees no switch. */}
          {item.enabled === false ? <span className={classFor(classNames, "badge", "bat-badge")}>{t.disabled}</span> : null}
        </div>
        <dl className={classFor(classNames, "meta", "bat-meta")}>
          {meta.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {notes.map((note) => (
          <p key={note} className="bat-note">
            {note}
          </p>
        ))}
      </div>
      <div className="bat-item-actions">
        {onToggle && typeof item.enabled === "boolean" ? (
          <label className={classFor(classNames, "toggle", "bat-toggle")}>
            <input
              type="checkbox"
              role="switch"
              checked={item.enabled}
              // Not `disabled` while saving: that would drop keyboard focus from the switch.
              aria-busy={toggling}
              aria-labelledby={[switchBefore && `${ids}before`, `${ids}name`, switchAfter && `${ids}after`].filter(Boolean).join(" ")}
              onChange={async (event) => {
                if (toggling) return;
                setToggling(true);
                await onToggle(event.target.checked);
                setToggling(false);
              }}
            />
            <span aria-hidden="true">{t.enabled}</span>
            {/* The switch's name: the template's words around the row's isolated name. */}
            {switchBefore ? (
              <span id={`${ids}before`} hidden>
                {switchBefore}
              </span>
            ) : null}
            {switchAfter ? (
              <span id={`${ids}after`} hidden>
                {switchAfter}
              </span>
            ) : null}
          </label>
        ) : null}
        {onRoll ? (
          <button type="button" id={`${ids}roll`} onClick={onRoll} aria-labelledby={`${ids}roll ${ids}name`} className={button}>
            {t.roll}
          </button>
        ) : null}
        {onRevoke ? (
          <button
            type="button"
            id={`${ids}revoke`}
            onClick={onRevoke}
            // "Revoke" then the row's isolated name: the name is never pasted into a string.
            aria-labelledby={`${ids}revoke ${ids}name`}
            className={classFor(classNames, "dangerButton", "bat-button bat-small bat-danger")}
          >
            {t.revoke}
          </button>
        ) : null}
      </div>
    </li>
  );
}
