import { useTokensContext } from "../context";
import { useApiKeys } from "../use-api-keys";
import { CredentialsCard, type CardProps } from "./credentials-card";

export type ApiKeysProps = CardProps;

/**
 * The signed-in user's API keys: list, create (with expiration and permissions), show once,
 * enable/disable, roll where the server has it, and revoke.
 *
 * @example
 * <ApiKeys permissions={["read", "write"]} maxExpiresIn={365 * 86400} />
 */
export function ApiKeys(props: ApiKeysProps) {
  const { localization: t } = useTokensContext();
  const state = useApiKeys(props.limit === undefined ? {} : { limit: props.limit });
  return (
    <CredentialsCard
      {...props}
      state={state}
      title={t.apiKeysTitle}
      description={t.apiKeysDescription}
      createLabel={t.createApiKey}
      createTitle={t.createTitleApiKey}
      emptyLabel={t.emptyApiKeys}
    />
  );
}
