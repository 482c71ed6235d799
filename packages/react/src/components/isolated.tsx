import { Fragment, type ReactNode } from "react";

/**
 * A localized template with its `{name}` in `<bdi>`: a user-chosen name in another script (or
 * with direction overrides) cannot reorder the words around it.
 */
export function fillIsolated(template: string, name: string): ReactNode {
  return template.split("{name}").map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? <bdi>{name}</bdi> : null}
      {part}
    </Fragment>
  ));
}
