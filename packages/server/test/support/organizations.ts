import { createTestAuth, type SignedUpUser } from "@better-auth-tokens/test-utils";
import type { BetterAuthPlugin } from "better-auth";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";
import { apiKey, type ApiKeyConfiguration } from "../../src/api-key/index";
import type { CreatedKey } from "./api-keys";

/** The organization plugin's access control with upstream's `apiKey` statement added, as an app declares it. */
const statement = { ...defaultStatements, apiKey: ["create", "read", "update", "delete"] } as const;
const ac = createAccessControl(statement);
export { ac as organizationAccess };
export const organizationRoles = {
  owner: ac.newRole({ ...ownerAc.statements }),
  admin: ac.newRole({ ...adminAc.statements, apiKey: ["create", "read", "update", "delete"] }),
  member: ac.newRole({ ...memberAc.statements }),
  /** A custom role granted only `apiKey: ["read"]`. */
  viewer: ac.newRole({ apiKey: ["read"] }),
};

/** better-auth-ui's server configuration, unchanged: user keys and organization keys side by side. */
export const UI_CONFIGURATIONS: ApiKeyConfiguration[] = [
  { configId: "default", references: "user" },
  { configId: "organization", references: "organization" },
];

/**
 * An instance with the real `organization()` plugin and `apiKey(configurations)`, in the given
 * plugin order, and helpers to make an organization with members in each role.
 */
export function setupOrganizationKeys(
  configurations: ApiKeyConfiguration[] = UI_CONFIGURATIONS,
  order: "organization first" | "apiKey first" = "organization first",
  /** Plugins listed before both (`bearer()` must come before an `apiKey()` with organization keys). */
  before: BetterAuthPlugin[] = [],
  /** The organization plugin, when a test needs it configured otherwise (its roles must include these). */
  org: BetterAuthPlugin = organization({ ac, roles: organizationRoles }) as BetterAuthPlugin,
) {
  const keys = apiKey(configurations);
  const t = createTestAuth({ plugins: [...before, ...(order === "organization first" ? [org, keys] : [keys, org])] });
  const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<unknown>>;

  /** An organization owned by a new user, with one member in each other role. */
  async function createOrganization() {
    const owner = await t.signUp({ name: "Owner" });
    const created = (await api.createOrganization!({
      body: { name: "Acme", slug: `acme-${crypto.randomUUID()}` },
      headers: owner.headers,
    })) as { id: string };
    const members: Record<"admin" | "member" | "viewer", SignedUpUser> = {
      admin: await t.signUp({ name: "Admin" }),
      member: await t.signUp({ name: "Member" }),
      viewer: await t.signUp({ name: "Viewer" }),
    };
    for (const [role, user] of Object.entries(members)) {
      await api.addMember!({ body: { userId: user.user.id, role, organizationId: created.id } });
    }
    const outsider = await t.signUp({ name: "Outsider" });
    return { id: created.id, owner, ...members, outsider };
  }

  async function send(path: string, user: SignedUpUser, body?: unknown) {
    const response = await t.request(path, {
      method: body === undefined ? "GET" : "POST",
      credential: user,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { code?: string } };
  }

  async function createOrganizationKey(user: SignedUpUser, organizationId: string, body: Record<string, unknown> = {}) {
    const { status, body: created } = await send("/api-key/create", user, { name: "team key", organizationId, ...body });
    if (status !== 200) throw new Error(`create failed: ${status} ${JSON.stringify(created)}`);
    return created as unknown as CreatedKey;
  }

  return { ...t, api, createOrganization, send, createOrganizationKey };
}
