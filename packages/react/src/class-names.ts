/**
 * One class slot per part, added beside the built-in `bat-*` class: Tailwind or shadcn apps
 * restyle any part (set `injectStyles={false}` on the provider to drop the built-in look).
 */
export interface TokensClassNames {
  root?: string;
  header?: string;
  title?: string;
  description?: string;
  error?: string;
  list?: string;
  item?: string;
  itemName?: string;
  start?: string;
  meta?: string;
  badge?: string;
  toggle?: string;
  button?: string;
  primaryButton?: string;
  dangerButton?: string;
  empty?: string;
  skeleton?: string;
  dialog?: string;
  dialogTitle?: string;
  field?: string;
  input?: string;
  secret?: string;
  warning?: string;
}

/** `bat-<part>` plus the app's class for that part. */
export function classFor(classNames: TokensClassNames | undefined, part: keyof TokensClassNames, base: string): string {
  const extra = classNames?.[part];
  return extra ? `${base} ${extra}` : base;
}
