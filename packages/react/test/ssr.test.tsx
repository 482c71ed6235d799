// @vitest-environment node
import { apiKeyClient, bearerClient } from "@better-auth-tokens/client";
import { createAuthClient } from "better-auth/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiKeys, PersonalTokens, TokensProvider } from "../src/index";

describe("server rendering", () => {
  it("imports and renders without window or document: the loading skeleton and the styles", () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
    const authClient = createAuthClient({ baseURL: "http://localhost:3000", plugins: [apiKeyClient(), bearerClient()] });
    const html = renderToString(
      <TokensProvider authClient={authClient}>
        <ApiKeys />
        <PersonalTokens />
      </TokensProvider>,
    );
    expect(html).toContain("API keys");
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain("bat-card{");
  });
});
