import { classFor, type TokensClassNames } from "../class-names";

/** An error next to what failed, announced to screen readers; `data-code` carries the stable code. */
export function InlineError({ error, code, classNames }: { error: string | null; code?: string | undefined; classNames?: TokensClassNames | undefined }) {
  return (
    <p role="alert" data-code={code} className={classFor(classNames, "error", "bat-error")} hidden={!error}>
      {error}
    </p>
  );
}
