import { credentialError } from "../core/credential-errors";
import type { ResolvedApiKeyConfiguration, ResolvedApiKeyOptions } from "./resolve-options";

/** The configuration whose prefix the key carries; one with no known prefix goes to the default. */
export function configurationForKey(options: ResolvedApiKeyOptions, key: string): ResolvedApiKeyConfiguration {
  return options.configurations.find((entry) => key.startsWith(entry.config.format.prefix)) ?? options.defaultConfiguration;
}

/**
 * The configuration a management call addresses: the one it names in `configId`, else the
 * organization configuration when it names an `organizationId`, else the default. An unknown
 * `configId`, or an `organizationId` sent to a user configuration, is a bad request, not a
 * silent fall back to another owner's keys.
 */
export function configurationForCall(
  options: ResolvedApiKeyOptions,
  call: { configId?: string | undefined; organizationId?: string | undefined },
): ResolvedApiKeyConfiguration {
  let chosen: ResolvedApiKeyConfiguration | undefined;
  if (call.configId !== undefined) {
    chosen = options.configurations.find((entry) => entry.config.configId === call.configId);
  } else if (call.organizationId !== undefined) {
    const forOrganizations = options.configurations.filter((entry) => entry.config.references === "organization");
    // Two organization configurations: the call must say which.
    chosen = forOrganizations.length === 1 ? forOrganizations[0] : undefined;
  } else {
    chosen = options.defaultConfiguration;
  }
  if (!chosen) throw credentialError("UNKNOWN_CONFIGURATION");
  const needsOrganization = chosen.config.references === "organization";
  if (needsOrganization !== (call.organizationId !== undefined)) {
    throw credentialError(needsOrganization ? "ORGANIZATION_ID_REQUIRED" : "UNKNOWN_CONFIGURATION");
  }
  return chosen;
}
