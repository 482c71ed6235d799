import { createContext, useContext, useMemo, type ReactNode } from "react";
import { defaultLocalization, type Localization } from "./localization";
import { TOKENS_CSS } from "./styles";
import type { TokensAuthClient } from "./types";
import { useSessionGeneration } from "./use-session-generation";

interface TokensContextValue {
  authClient: TokensAuthClient;
  localization: Localization;
  /** BCP 47 locale for dates; `undefined` uses the browser's. */
  locale: string | undefined;
  /** Changes when another user (or nobody) is signed in: every hook drops its data and reads again. */
  session: number;
}

const TokensContext = createContext<TokensContextValue | null>(null);

export interface TokensProviderProps {
  /** `createAuthClient({ plugins: [apiKeyClient(), bearerClient(), organizationClient()] })`. */
  authClient: TokensAuthClient;
  /** Replaces any visible string; the rest stay English. @default {} */
  localization?: Partial<Localization>;
  /** The locale dates are written in. @default the browser's locale */
  locale?: string;
  /**
   * Renders the components' own stylesheet once, in a `<style>` tag. Set `false` when you
   * import `@better-auth-tokens/react/styles.css` yourself or style everything through `classNames`.
   * @default true
   */
  injectStyles?: boolean;
  children?: ReactNode;
}

/**
 * Hands the Better Auth client, strings and locale to the hooks and components below it, and
 * follows the client's session: when another user signs in, what the hooks show is dropped at
 * once and read again as that user.
 */
export function TokensProvider({ authClient, localization, locale, injectStyles = true, children }: TokensProviderProps) {
  const session = useSessionGeneration(authClient);
  const value = useMemo(
    () => ({
      authClient,
      locale,
      session,
      localization: { ...defaultLocalization, ...localization, errors: { ...localization?.errors } },
    }),
    [authClient, localization, locale, session],
  );
  return (
    <TokensContext.Provider value={value}>
      {injectStyles ? <style data-better-auth-tokens="">{TOKENS_CSS}</style> : null}
      {children}
    </TokensContext.Provider>
  );
}

/** The provider's value; throws a clear error when a hook is used outside `<TokensProvider>`. */
export function useTokensContext(): TokensContextValue {
  const value = useContext(TokensContext);
  if (!value) throw new Error("@better-auth-tokens/react: wrap your components in <TokensProvider authClient={…}>");
  return value;
}
