import { Fragment, type ReactNode } from "react";

/**
 * A localized template with its `{name}` in `<bdi>`: a user-chosen name in another script (or
 * with direction overrides) cannot reorder the words around it. Other placeholders are filled as text.
 */
export function fillIsolated(template: string, name: string, values: Record<string, string | number> = {}): ReactNode {
  return template.split(/(\{\w+\})/).map((part, index) => {
    const key = /^\{(\w+)\}$/.exec(part)?.[1];
    if (key === "name") return <bdi key={index}>{name}</bdi>;
    return <Fragment key={index}>{key !== undefined && key in values ? String(values[key]) : part}</Fragment>;
  });
}
