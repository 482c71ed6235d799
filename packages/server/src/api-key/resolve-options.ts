import { CREDENTIAL_KINDS } from "../core/credential-kinds";
import { resolveCredentialConfig } from "../core/resolve-kind";
import type { ApiKeyConfiguration, ApiKeyOptions, OrganizationKeyOptions } from "./options";

/** The prefix of an organization configuration that names none: apart from user keys' `ba_`. */
export const DEFAULT_ORGANIZATION_PREFIX = "bao_";
const DEFAULT_CONFIG_ID = CREDENTIAL_KINDS.apiKey.configId;

/**
 * `apiKey()` takes one options object (one configuration, `"default"`, owned by users) or
 * upstream's list of configurations. Each is validated here, at startup.
 */
export function resolveApiKeyOptions(input: ApiKeyOptions | readonly ApiKeyConfiguration[]) {
  const list: ApiKeyConfiguration[] = Array.isArray(input) ? [...(input as readonly ApiKeyConfiguration[])] : expand(input as ApiKeyOptions);
  if (list.some((entry) => entry.organizationKeys !== undefined) && Array.isArray(input)) {
    throw new Error('apiKey(): "organizationKeys" is the one-object spelling; in a list, add { configId: "organization", references: "organization" }');
  }
  if (list.length === 0) throw new Error("apiKey(): the list of configurations is empty");
  const seen = new Map<string, string>();
  for (const [index, entry] of list.entries()) {
    if (typeof entry.configId !== "string" || entry.configId === "") {
      throw new Error(`apiKey(): configuration ${index} has no "configId"; each configuration in the list needs one`);
    }
    if (seen.has(entry.configId)) throw new Error(`apiKey(): "configId" "${entry.configId}" is used twice; each must be unique`);
    const alike = seen.get(asDatabasesCompare(entry.configId));
    if (alike !== undefined) {
      throw new Error(
        `apiKey(): "configId" "${entry.configId}" and "${alike}" differ only in case, accents or trailing spaces, which MySQL and MariaDB compare as equal: their keys would share one cap and one list there`,
      );
    }
    seen.set(asDatabasesCompare(entry.configId), entry.configId);
    if (entry.references !== undefined && entry.references !== "user" && entry.references !== "organization") {
      throw new Error(`apiKey(): configuration "${entry.configId}" has "references" ${JSON.stringify(entry.references)}; use "user" or "organization"`);
    }
  }
  const prefixes = list.map((entry) => prefixOf(entry, list.length));
  // One configuration takes X-API-Key values with no known prefix (malformed or legacy keys):
  // the default one, or else the first that users own.
  const defaultIndex = list.findIndex((entry) => entry.configId === DEFAULT_CONFIG_ID);
  const fallback = defaultIndex >= 0 ? defaultIndex : Math.max(0, list.findIndex((entry) => (entry.references ?? "user") === "user"));
  const configurations = list.map((entry, index) => resolveConfiguration(entry, prefixes, index, index === fallback));
  return {
    configurations,
    /** Calls that name no `configId` nor `organizationId` are served by this one. */
    defaultConfiguration: configurations[fallback]!,
    hasOrganizationKeys: configurations.some((configuration) => configuration.config.references === "organization"),
  };
}

/** A configId as MySQL's and MariaDB's default collations compare it: without case, accents or trailing spaces. */
function asDatabasesCompare(configId: string): string {
  return configId.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trimEnd();
}

/**
 * How the app stores, reads and watches its keys, which the short spelling's organization keys
 * share unless they name their own: a pepper that left them out would leave them hashed without
 * it, and headers that differed would have clients send the two kinds differently. What keys
 * may do and how long they live (prefix, expiry, permissions, limits) stays each kind's own.
 */
const SHARED_WITH_ORGANIZATION_KEYS = [
  "hashing",
  "apiKeyHeaders",
  "customAPIKeyGetter",
  "cache",
  "negativeCache",
  "verificationTimeout",
  "lastUsedUpdateInterval",
  "onEvent",
] as const satisfies readonly (keyof OrganizationKeyOptions)[];

/** How keys are read from a request: one choice, so naming either option leaves both unshared. */
const READ_FROM = ["apiKeyHeaders", "customAPIKeyGetter"] as const;

/** `apiKey({ …, organizationKeys })`: the users' configuration, and better-auth-ui's `"organization"` one. */
function expand({ organizationKeys, ...options }: ApiKeyOptions): ApiKeyConfiguration[] {
  const users: ApiKeyConfiguration = { ...options, configId: DEFAULT_CONFIG_ID };
  if (organizationKeys === undefined) return [users];
  // An option set to `undefined` names nothing, as it does on the users' side.
  const own: OrganizationKeyOptions = Object.fromEntries(Object.entries(organizationKeys === true ? {} : organizationKeys).filter(([, value]) => value !== undefined));
  const readsOwnWay = READ_FROM.some((name) => name in own);
  const shared: OrganizationKeyOptions = {};
  for (const name of SHARED_WITH_ORGANIZATION_KEYS) {
    if (readsOwnWay && (READ_FROM as readonly string[]).includes(name)) continue;
    if (options[name] !== undefined) Object.assign(shared, { [name]: options[name] });
  }
  return [users, { ...shared, ...own, configId: "organization", references: "organization" }];
}

function prefixOf(entry: ApiKeyConfiguration, count: number): string {
  if (entry.prefix !== undefined) return entry.prefix;
  if ((entry.references ?? "user") === "organization") return DEFAULT_ORGANIZATION_PREFIX;
  if (entry.configId === DEFAULT_CONFIG_ID || count === 1) return CREDENTIAL_KINDS.apiKey.defaultPrefix;
  throw new Error(`apiKey(): configuration "${entry.configId}" needs its own "prefix", so its keys cannot be taken for another's`);
}

function resolveConfiguration(entry: ApiKeyConfiguration, prefixes: string[], index: number, takesUnprefixed: boolean) {
  const { prefix: _prefix, maxKeysPerUser, maxKeysPerOrganization, configId, references = "user", ...shared } = entry;
  const label = configId === DEFAULT_CONFIG_ID ? "" : `configuration "${configId}": `;
  if (references === "user" && maxKeysPerOrganization !== undefined) {
    throw new Error(`apiKey(): ${label}"maxKeysPerOrganization" applies to references: "organization" only; use "maxKeysPerUser"`);
  }
  if (references === "organization" && maxKeysPerUser !== undefined) {
    throw new Error(`apiKey(): ${label}"maxKeysPerUser" applies to user keys; use "maxKeysPerOrganization"`);
  }
  const prefix = prefixes[index]!;
  const siblings = prefixes.filter((_, other) => other !== index);
  for (const sibling of siblings) {
    if (sibling.startsWith(prefix) || prefix.startsWith(sibling)) {
      throw new Error(`apiKey(): ${label}prefix "${prefix}" overlaps prefix "${sibling}" of another configuration; give each its own`);
    }
  }
  return {
    config: resolveCredentialConfig(CREDENTIAL_KINDS.apiKey, {
      ...shared,
      configId,
      references,
      prefix,
      maxPerUser: references === "organization" ? maxKeysPerOrganization : maxKeysPerUser,
      maxOptionName: `${label}${references === "organization" ? "maxKeysPerOrganization" : "maxKeysPerUser"}`,
      takesUnprefixedApiKeyHeader: takesUnprefixed,
      siblingPrefixes: siblings,
    }),
    defaultPermissions: entry.defaultPermissions ?? [],
    allowedPermissions: entry.allowedPermissions,
    enableSessionForAPIKeys: entry.enableSessionForAPIKeys ?? true,
  };
}

export type ResolvedApiKeyOptions = ReturnType<typeof resolveApiKeyOptions>;
export type ResolvedApiKeyConfiguration = ResolvedApiKeyOptions["configurations"][number];
