import { useId, useState, type RefObject } from "react";
import { classFor, type TokensClassNames } from "../class-names";
import { useTokensContext } from "../context";
import { errorMessage } from "../error-message";
import type { ClientError, CredentialItem } from "../types";
import { InlineError } from "./inline-error";
import { fillIsolated } from "./isolated";
import { Modal } from "./modal";

export interface ConfirmDialogProps {
  /** The credential to revoke or roll; `null` closes the dialog. */
  target: { item: CredentialItem; action: "revoke" | "roll" } | null;
  onClose(): void;
  /** Resolves with an error to show, or null when done. `gracePeriod` (seconds) for a roll. */
  onConfirm(gracePeriod: number): Promise<ClientError | null>;
  fallbackFocus?: RefObject<HTMLElement | null> | undefined;
  classNames?: TokensClassNames | undefined;
  /** The server's `maxRollGracePeriod`, in seconds: longer choices are not offered. */
  maxGracePeriod?: number | undefined;
}

const GRACE = [
  ["graceNone", 0],
  ["graceHour", 3600],
  ["graceDay", 86_400],
  ["graceWeek", 7 * 86_400],
] as const;

/** Asks before revoking (which cannot be undone) or rolling (with a grace period for the old secret). */
export function ConfirmDialog({ target, onClose, onConfirm, fallbackFocus, classNames, maxGracePeriod }: ConfirmDialogProps) {
  const { localization: t } = useTokensContext();
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const graces = GRACE.filter(([, seconds]) => maxGracePeriod === undefined || seconds <= maxGracePeriod);
  const [grace, setGrace] = useState(() => Math.min(86_400, graces.at(-1)?.[1] ?? 0));
  const id = useId();
  const roll = target?.action === "roll";
  const name = target?.item.name ?? "";
  const close = () => {
    setError(null);
    onClose();
  };
  async function confirm() {
    setBusy(true);
    const failed = await onConfirm(grace);
    setBusy(false);
    setError(failed);
  }
  return (
    <Modal open={target !== null} onClose={close} title={fillIsolated(roll ? t.rollTitle : t.revokeTitle, name)} fallbackFocus={fallbackFocus} classNames={classNames}>
      <p className="bat-dialog-text">{roll ? t.rollDescription : t.revokeDescription}</p>
      {roll ? (
        <div className={classFor(classNames, "field", "bat-field")}>
          <label htmlFor={`${id}grace`}>{t.gracePeriod}</label>
          <select id={`${id}grace`} value={grace} onChange={(event) => setGrace(Number(event.target.value))} className={classFor(classNames, "input", "bat-input")}>
            {graces.map(([key, seconds]) => (
              <option key={key} value={seconds}>
                {t[key]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <InlineError error={error ? errorMessage(error, t) : null} code={error?.code} classNames={classNames} />
      <div className="bat-dialog-actions">
        <button type="button" onClick={close} className={classFor(classNames, "button", "bat-button")}>
          {t.cancel}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={confirm}
          className={roll ? classFor(classNames, "primaryButton", "bat-button bat-primary") : classFor(classNames, "dangerButton", "bat-button bat-danger-solid")}
        >
          {roll ? t.roll : t.revoke}
        </button>
      </div>
    </Modal>
  );
}
