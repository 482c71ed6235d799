import { useId, useState, type RefObject } from "react";
import { classFor, type TokensClassNames } from "../class-names";
import { useTokensContext } from "../context";
import type { CreatedCredential } from "../types";
import { fillIsolated } from "./isolated";
import { Modal } from "./modal";

export interface SecretDialogProps {
  /** The credential just created or rolled; `null` closes the dialog and forgets the secret. */
  created: CreatedCredential | null;
  onClose(): void;
  fallbackFocus?: RefObject<HTMLElement | null> | undefined;
  classNames?: TokensClassNames | undefined;
}

/** Shows a new secret once, with a copy button, "copied" feedback and a warning that it will not be shown again. */
export function SecretDialog({ created, onClose, fallbackFocus, classNames }: SecretDialogProps) {
  const { localization: t } = useTokensContext();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const id = useId();
  const close = () => {
    setCopy("idle");
    onClose();
  };
  async function copySecret() {
    try {
      await navigator.clipboard.writeText(created?.secret ?? "");
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }
  return (
    <Modal open={created !== null} onClose={close} title={t.createdTitle} fallbackFocus={fallbackFocus} classNames={classNames} className="bat-secret-dialog">
      <p className={classFor(classNames, "warning", "bat-warning")} id={`${id}warning`}>
        <span aria-hidden="true" className="bat-warning-icon">!</span>
        <strong>{t.createdWarning}</strong>
      </p>
      <label htmlFor={`${id}secret`} className="bat-secret-label">
        {fillIsolated(t.secretLabel, created?.name ?? "")}
      </label>
      <div className={classFor(classNames, "secret", "bat-secret")}>
        {/* A text area, so a long key wraps on a phone instead of hiding its end. */}
        <textarea
          id={`${id}secret`}
          readOnly
          rows={1}
          value={created?.secret ?? ""}
          aria-describedby={`${id}warning`}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          className={classFor(classNames, "input", "bat-input bat-mono")}
        />
        <button type="button" onClick={copySecret} className={classFor(classNames, "button", "bat-button")}>
          {copy === "copied" ? t.copied : t.copy}
        </button>
      </div>
      <p role="status" className="bat-status">
        {copy === "copied" ? t.copiedToClipboard : copy === "failed" ? t.copyFailed : ""}
      </p>
      <div className="bat-dialog-actions">
        <button type="button" onClick={close} className={classFor(classNames, "primaryButton", "bat-button bat-primary")}>
          {t.done}
        </button>
      </div>
    </Modal>
  );
}
