import { apiKey, bearer } from "@better-auth-tokens/server";
import { createTestAuth } from "@better-auth-tokens/test-utils";

/**
 * What the recipes' `import { auth } from "./auth"` is while they run: a real `betterAuth()` with
 * both plugins and email sign-up, on the in-memory adapter. The test reaches the same instance here
 * to grant keys and tokens.
 */
export const recipeAuth = createTestAuth({ plugins: [apiKey(), bearer()], adapter: "memory" });
export const auth = recipeAuth.auth;
