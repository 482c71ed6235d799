import type { ActorPurpose } from "./resolve-actor";

/**
 * What an update may change without letting the credential do more: its labels. Every other
 * field an update takes (`enabled: true`, `allowedIps` even `null`, permissions, a quota, a rate
 * limit, and any field added later) may widen it, so it is listed here only once it is known not to.
 */
const LABELS: ReadonlySet<string> = new Set(["id", "name", "description", "metadata"]);

/**
 * `"widen"` for an update body that sends anything but labels and `enabled: false` (disabling
 * narrows), else `"manage"`: an impersonating admin may tidy or stop a credential, not reopen it.
 */
export function updatePurpose(body: Record<string, unknown>): ActorPurpose {
  const widens = Object.entries(body).some(([field, value]) => value !== undefined && !LABELS.has(field) && !(field === "enabled" && value === false));
  return widens ? "widen" : "manage";
}
