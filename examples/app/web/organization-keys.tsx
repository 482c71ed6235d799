import { OrganizationApiKeys } from "@better-auth-tokens/react";
import { useState, type FormEvent } from "react";
import { authClient } from "./auth-client";

/** The first organization the user belongs to, with its keys; a form to create one when there is none. */
export function OrganizationKeys() {
  const organizations = authClient.useListOrganizations();
  const [error, setError] = useState("");
  const organization = organizations.data?.[0];
  if (organizations.isPending) return null;
  if (organization) return <OrganizationApiKeys organizationId={organization.id} permissions={["read", "write"]} />;

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name"));
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now().toString(36)}`;
    const { error } = await authClient.organization.create({ name, slug });
    setError(error?.message ?? "");
  }
  return (
    <section className="panel" aria-labelledby="org-title">
      <h2 id="org-title">Organization API keys</h2>
      <p className="hint">
        Keys that belong to a team, not to you: they act for the organization (see <code>/api/whoami</code>), keep working when
        their creator leaves, and are deleted with the organization.
      </p>
      <form className="row" id="org-form" onSubmit={create}>
        <label>
          Organization <input name="name" required placeholder="Acme" />
        </label>
        <button className="primary">Create organization</button>
      </form>
      <p className="error" role="alert">
        {error}
      </p>
    </section>
  );
}
