// The README's client, plus the two things a browser gives it for free: the server's address,
// and here a fetch that hands each request to the server in this process (no port to open).
import { createAuthClient } from "better-auth/client";
import { apiKeyClient, bearerClient } from "@better-auth-tokens/client";
import { auth } from "./auth.js";

export const authClient = createAuthClient({
  baseURL: "http://localhost:3000",
  fetchOptions: { customFetchImpl: (input, init) => auth.handler(new Request(input, init)) },
  plugins: [apiKeyClient(), bearerClient()],
});
