/** A date in the user's locale (or the provider's), day precision: "Mar 4, 2026". */
export function formatDate(value: Date, locale: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(value);
}

/** A date and time, for deadlines that matter to the hour (a pending roll, the next refill). */
export function formatDateTime(value: Date, locale: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** A duration in milliseconds in words: "1 hour", "30 days" (Intl's own unit names). */
export function formatDuration(ms: number, locale: string | undefined): string {
  const [unit, size] = UNITS.find(([, size]) => ms >= size && ms % size === 0) ?? ["second", 1000];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(Math.round(ms / size));
}

/** All of a credential's permissions as one line: scopes first, then `resource:action`. */
export function formatPermissions(permissions: Record<string, string[]>): string {
  return Object.entries(permissions)
    .flatMap(([resource, actions]) => (resource === "scopes" ? actions : actions.map((action) => `${resource}:${action}`)))
    .join(", ");
}
