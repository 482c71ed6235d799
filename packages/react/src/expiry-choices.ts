import { fill, type Localization } from "./localization";

/** The server's expiry policy, as the app configured it (see `CredentialOptions`). */
export interface ExpiryPolicy {
  /** Shortest lifetime in seconds the server accepts. @default 60 */
  minExpiresIn?: number;
  /** Longest lifetime in seconds; `null` for none. @default null */
  maxExpiresIn?: number | null;
  /** Whether "no expiration" may be chosen. @default `true` without `maxExpiresIn`, `false` with it */
  allowNoExpiry?: boolean;
  /** Lifetimes in seconds to offer. @default 1, 7, 30, 90 and 365 days */
  expiresInChoices?: number[];
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const DEFAULT_CHOICES = [DAY, 7 * DAY, 30 * DAY, 90 * DAY, 365 * DAY];

export interface ExpiryChoice {
  value: string;
  label: string;
  expiresIn: number | null;
}

/** The choices the server will accept: within min/max, and "no expiration" only where allowed. */
export function expiryChoices(policy: ExpiryPolicy, localization: Localization): ExpiryChoice[] {
  const min = policy.minExpiresIn ?? 60;
  const max = policy.maxExpiresIn ?? null;
  const allowNoExpiry = policy.allowNoExpiry ?? max === null;
  const choices: ExpiryChoice[] = (policy.expiresInChoices ?? DEFAULT_CHOICES)
    .filter((seconds) => seconds >= min && (max === null || seconds <= max))
    .map((seconds) => ({ value: String(seconds), label: label(seconds, localization), expiresIn: seconds }));
  // A maximum shorter than every preset still leaves one choice: the maximum itself.
  if (choices.length === 0 && max !== null) choices.push({ value: String(max), label: label(max, localization), expiresIn: max });
  if (allowNoExpiry) choices.push({ value: "never", label: localization.expiresNever, expiresIn: null });
  return choices;
}

/** A lifetime in the largest unit it fills: days, else hours, else minutes (never "0 days"). */
function label(seconds: number, localization: Localization): string {
  if (seconds === DAY) return localization.expiresInDay;
  if (seconds === 365 * DAY) return localization.expiresInYear;
  if (seconds >= DAY) return fill(localization.expiresInDays, { days: tenths(seconds / DAY) });
  if (seconds === HOUR) return localization.expiresInHour;
  if (seconds >= HOUR) return fill(localization.expiresInHours, { hours: tenths(seconds / HOUR) });
  if (seconds === MINUTE) return localization.expiresInMinute;
  return fill(localization.expiresInMinutes, { minutes: tenths(seconds / MINUTE) });
}

const tenths = (value: number) => Math.round(value * 10) / 10;

/** The choice selected at first: 30 days where offered, else the longest lifetime. */
export function defaultExpiryChoice(choices: ExpiryChoice[]): string {
  return (choices.find((choice) => choice.expiresIn === 30 * DAY) ?? choices.filter((c) => c.expiresIn !== null).at(-1) ?? choices[0])?.value ?? "never";
}
