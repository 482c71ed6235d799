import { apiKeyClient, bearerClient } from "@better-auth-tokens/client";
import { organizationClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

/** Better Auth's React client with our two plugins and its organization plugin. */
export const authClient = createAuthClient({
  baseURL: location.origin,
  plugins: [apiKeyClient(), bearerClient(), organizationClient()],
});
