import { useId, useState, type FormEvent, type RefObject } from "react";
import { classFor, type TokensClassNames } from "../class-names";
import { useTokensContext } from "../context";
import { errorMessage } from "../error-message";
import { defaultExpiryChoice, expiryChoices, type ExpiryPolicy } from "../expiry-choices";
import type { ClientError, CreateInput } from "../types";
import { formatDate, formatDateTime } from "../format";
import { fill } from "../localization";
import { InlineError } from "./inline-error";
import { Modal } from "./modal";

/** A permission the user may grant: a scope name, or one with a label. */
export type PermissionOption = string | { value: string; label: string };

export interface CreateDialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  /** Resolves with an error to show in the dialog, or null once created. */
  onCreate(input: CreateInput): Promise<ClientError | null>;
  policy: ExpiryPolicy;
  /** Permissions to pick from; none: no picker (the server's defaults apply). */
  permissions?: PermissionOption[] | undefined;
  defaultPermissions?: string[] | undefined;
  fallbackFocus?: RefObject<HTMLElement | null> | undefined;
  classNames?: TokensClassNames | undefined;
}

/** When a lifetime ends: to the minute when that is within a day, else the day. */
function expiryDate(seconds: number, locale: string | undefined): string {
  const end = new Date(Date.now() + seconds * 1000);
  return seconds < 86_400 ? formatDateTime(end, locale) : formatDate(end, locale);
}

const optionValue = (option: PermissionOption) => (typeof option === "string" ? option : option.value);
const optionLabel = (option: PermissionOption) => (typeof option === "string" ? option : option.label);

/** Name, expiration (only choices the server accepts) and permissions of a new credential. */
export function CreateDialog(props: CreateDialogProps) {
  const { localization: t, locale } = useTokensContext();
  const { classNames, permissions } = props;
  const choices = expiryChoices(props.policy, t);
  const [expiryValue, setExpiryValue] = useState(() => defaultExpiryChoice(choices));
  const chosen = choices.find((choice) => choice.value === expiryValue);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();
  const close = () => {
    setError(null);
    props.onClose();
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expiry = choices.find((choice) => choice.value === form.get("expiresIn"));
    const input: CreateInput = { name: String(form.get("name") ?? "").trim() };
    if (expiry) input.expiresIn = expiry.expiresIn;
    // No picker (no list, or an empty one) sends nothing: the server's defaultPermissions apply.
    if (permissions && permissions.length > 0) input.permissions = form.getAll("permissions").map(String);
    setBusy(true);
    const failed = await props.onCreate(input);
    setBusy(false);
    setError(failed);
  }

  const field = classFor(classNames, "field", "bat-field");
  const input = classFor(classNames, "input", "bat-input");
  return (
    <Modal open={props.open} onClose={close} title={props.title} fallbackFocus={props.fallbackFocus} classNames={classNames}>
      <form onSubmit={submit} className="bat-form">
        <div className={field}>
          <label htmlFor={`${ids}name`}>{t.name}</label>
          <input id={`${ids}name`} name="name" required maxLength={64} autoComplete="off" placeholder={t.namePlaceholder} className={input} />
        </div>
        <div className={field}>
          <label htmlFor={`${ids}expires`}>{t.expiration}</label>
          <select
            id={`${ids}expires`}
            name="expiresIn"
            value={expiryValue}
            onChange={(event) => setExpiryValue(event.target.value)}
            aria-describedby={`${ids}expires-hint`}
            className={input}
          >
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          <span id={`${ids}expires-hint`} className="bat-hint">
            {chosen?.expiresIn ? fill(t.expiresOn, { date: expiryDate(chosen.expiresIn, locale) }) : t.neverExpiresHint}
          </span>
        </div>
        {permissions && permissions.length > 0 ? (
          <fieldset className={`${field} bat-permissions`}>
            <legend>{t.permissions}</legend>
            {permissions.map((option) => (
              <label key={optionValue(option)} className="bat-check">
                <input
                  type="checkbox"
                  name="permissions"
                  value={optionValue(option)}
                  defaultChecked={(props.defaultPermissions ?? [optionValue(permissions[0]!)]).includes(optionValue(option))}
                />
                {optionLabel(option)}
              </label>
            ))}
          </fieldset>
        ) : null}
        <InlineError error={error ? errorMessage(error, t) : null} code={error?.code} classNames={classNames} />
        <div className="bat-dialog-actions">
          <button type="button" onClick={close} className={classFor(classNames, "button", "bat-button")}>
            {t.cancel}
          </button>
          <button type="submit" disabled={busy} className={classFor(classNames, "primaryButton", "bat-button bat-primary")}>
            {busy ? t.creating : t.create}
          </button>
        </div>
      </form>
    </Modal>
  );
}
