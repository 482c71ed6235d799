// The README's "Use it in your app" server, with both plugins as its second sample shows them.
// No database option: Better Auth keeps everything in memory. The secret and base URL come from
// BETTER_AUTH_SECRET and BETTER_AUTH_URL, as in a real deployment.
import { betterAuth } from "better-auth";
import { apiKey, bearer } from "@better-auth-tokens/server";

export const auth = betterAuth({
  emailAndPassword: { enabled: true },
  plugins: [
    apiKey({ prefix: "ba_", maxKeysPerUser: 10, defaultPermissions: ["read"] }),
    bearer({ tokenPrefix: "bat_", defaultExpiresIn: 30 * 24 * 60 * 60, maxTokensPerUser: 10 }),
  ],
});
