import { useTokensContext } from "../context";
import { usePersonalTokens } from "../use-personal-tokens";
import { CredentialsCard, type CardProps } from "./credentials-card";

/** Personal tokens act as their owner: they have no permissions to pick. */
export type PersonalTokensProps = Omit<CardProps, "permissions" | "defaultPermissions">;

/**
 * The signed-in user's personal tokens: list, create with an expiration, show once and revoke
 * (enable/disable and roll where the server has them).
 *
 * @example
 * <PersonalTokens maxExpiresIn={90 * 86400} />
 */
export function PersonalTokens(props: PersonalTokensProps) {
  const { localization: t } = useTokensContext();
  const state = usePersonalTokens(props.limit === undefined ? {} : { limit: props.limit });
  return (
    <CredentialsCard
      {...props}
      state={state}
      title={t.personalTokensTitle}
      description={t.personalTokensDescription}
      createLabel={t.createPersonalToken}
      createTitle={t.createTitlePersonalToken}
      emptyLabel={t.emptyPersonalTokens}
    />
  );
}
