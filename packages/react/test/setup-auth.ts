import { apiKeyClient, bearerClient } from "@better-auth-tokens/client";
import { apiKey, bearer } from "@better-auth-tokens/server";
import { createTestAuth } from "@better-auth-tokens/test-utils";
import { organizationClient } from "better-auth/client/plugins";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";

// Owners manage the organization's keys; members may only read them (as in the example app).
const ac = createAccessControl({ ...defaultStatements, apiKey: ["create", "read", "update", "delete"] });
const roles = { owner: ac.newRole({ ...ownerAc.statements }), member: ac.newRole({ ...memberAc.statements, apiKey: ["read"] }) };

/** A real Better Auth with API keys (user and organization), personal tokens and organizations. */
export function setupAuth() {
  return createTestAuth({
    plugins: [
      organization({ ac, roles }),
      bearer({ maxTokensPerUser: 1 }),
      apiKey([
        { configId: "default", defaultPermissions: ["read"], allowedPermissions: ["read", "write"], maxKeysPerUser: 1 },
        { configId: "organization", references: "organization", defaultPermissions: ["read"], allowedPermissions: ["read", "write"] },
      ]),
    ],
    clientPlugins: [apiKeyClient(), bearerClient(), organizationClient()],
  });
}
