import { ApiKeys, PersonalTokens, TokensProvider } from "@better-auth-tokens/react";
import { createRoot } from "react-dom/client";
import { authClient } from "./auth-client";
import { OrganizationKeys } from "./organization-keys";
import { SignInForm } from "./sign-in-form";

// The browser side of the example: Better Auth's session hook, and our React settings cards.
function App() {
  const session = authClient.useSession();
  const user = session.data?.user;
  return (
    <>
      <header>
        <strong>better-auth-tokens example</strong>
        {user ? (
          <span className="who">
            {user.email}
            <button type="button" onClick={() => authClient.signOut()}>
              Sign out
            </button>
          </span>
        ) : null}
      </header>
      <main>
        {session.isPending ? null : user ? (
          <TokensProvider authClient={authClient}>
            <h1>API keys and tokens</h1>
            <p className="hint">
              Send an API key as <code>X-API-Key</code> or <code>Authorization: Bearer</code> to <code>/api/me</code> and{" "}
              <code>/api/projects</code>; a personal token as <code>Authorization: Bearer</code>.
            </p>
            <ApiKeys permissions={["read", "write"]} defaultPermissions={["read"]} />
            <PersonalTokens />
            <OrganizationKeys />
          </TokensProvider>
        ) : (
          <>
            <h1>API keys and tokens</h1>
            <SignInForm />
          </>
        )}
      </main>
    </>
  );
}

createRoot(document.getElementById("root")!).render(<App />);
