import { apiKeyClient, bearerClient } from "@better-auth-tokens/client";
import { createAuthClient } from "better-auth/client";
import { organizationClient } from "better-auth/client/plugins";

// The browser side of the example: Better Auth's own client with our two plugins and its organization plugin, plain DOM.
const authClient = createAuthClient({ baseURL: location.origin, plugins: [apiKeyClient(), bearerClient(), organizationClient()] });

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const date = (value: string | Date | null) => (value ? new Date(value).toLocaleString() : "never");

function showError(target: string, error: { code?: string | undefined; message?: string | undefined } | null) {
  $(target).textContent = error ? `${error.message ?? "Something went wrong"}${error.code ? ` (${error.code})` : ""}` : "";
}

function revealSecret(title: string, secret: string) {
  $("#secret-title").textContent = title;
  $<HTMLInputElement>("#secret-value").value = secret;
  $<HTMLDialogElement>("#secret-dialog").showModal();
}

/** Resolves true when the user confirms revoking `name` in the confirmation dialog. */
function confirmRevoke(name: string): Promise<boolean> {
  const dialog = $<HTMLDialogElement>("#confirm-dialog");
  $("#confirm-name").textContent = `"${name}"`;
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true }));
}

function cell(text: string) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

function button(label: string, className: string, onClick: () => void) {
  const td = document.createElement("td");
  const element = document.createElement("button");
  element.textContent = label;
  element.className = className;
  element.addEventListener("click", onClick);
  td.append(element);
  return td;
}

async function renderKeys() {
  const { data, error } = await authClient.apiKey.list();
  showError("#key-error", error);
  const body = $("#key-table tbody");
  body.replaceChildren();
  for (const key of data?.apiKeys ?? []) {
    const row = document.createElement("tr");
    row.dataset.name = key.name;
    const scopes = Object.values(key.permissions).flat().join(", ") || "none";
    const toggle = document.createElement("td");
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    checkbox.checked = key.enabled;
    checkbox.setAttribute("aria-label", `enable ${key.name}`);
    checkbox.addEventListener("change", async () => {
      const { error: updateError } = await authClient.apiKey.update({ id: key.id, enabled: checkbox.checked });
      showError("#key-error", updateError);
      await renderKeys();
    });
    toggle.append(checkbox);
    row.append(
      cell(key.name),
      cell(`${key.start ?? ""}…`),
      cell(scopes),
      cell(date(key.createdAt)),
      cell(date(key.lastUsedAt)),
      cell(date(key.expiresAt)),
      toggle,
      button("Revoke", "danger", async () => {
        if (!(await confirmRevoke(key.name))) return;
        const { error: revokeError } = await authClient.apiKey.revoke({ id: key.id });
        showError("#key-error", revokeError);
        await renderKeys();
      }),
    );
    body.append(row);
  }
  $("#key-empty").hidden = (data?.apiKeys ?? []).length > 0;
}

async function renderTokens() {
  const { data, error } = await authClient.bearer.listTokens();
  showError("#token-error", error);
  const body = $("#token-table tbody");
  body.replaceChildren();
  for (const token of data?.tokens ?? []) {
    const row = document.createElement("tr");
    row.dataset.name = token.name;
    row.append(
      cell(token.name),
      cell(date(token.createdAt)),
      cell(date(token.lastUsedAt)),
      cell(date(token.expiresAt)),
      button("Revoke", "danger", async () => {
        if (!(await confirmRevoke(token.name))) return;
        const { error: revokeError } = await authClient.bearer.revokeToken({ id: token.id });
        showError("#token-error", revokeError);
        await renderTokens();
      }),
    );
    body.append(row);
  }
  $("#token-empty").hidden = (data?.tokens ?? []).length > 0;
}

/** The first organization the user belongs to: the page manages one, for brevity. */
async function currentOrganization() {
  const { data } = await authClient.organization.list();
  return data?.[0] ?? null;
}

async function renderOrganizationKeys() {
  const organization = await currentOrganization();
  $("#org-form").hidden = Boolean(organization);
  $("#org-keys").hidden = !organization;
  if (!organization) return;
  $("#org-name").textContent = organization.name;
  const { data, error } = await authClient.apiKey.list({ query: { organizationId: organization.id } });
  showError("#org-error", error);
  const body = $("#org-key-table tbody");
  body.replaceChildren();
  for (const key of data?.apiKeys ?? []) {
    const row = document.createElement("tr");
    row.dataset.name = key.name;
    row.append(
      cell(key.name),
      cell(`${key.start ?? ""}…`),
      cell(Object.values(key.permissions).flat().join(", ") || "none"),
      cell(key.createdBy === null ? "server" : key.createdBy),
      cell(date(key.createdAt)),
      button("Revoke", "danger", async () => {
        if (!(await confirmRevoke(key.name))) return;
        const { error: revokeError } = await authClient.apiKey.revoke({ id: key.id });
        showError("#org-error", revokeError);
        await renderOrganizationKeys();
      }),
    );
    body.append(row);
  }
  $("#org-key-empty").hidden = (data?.apiKeys ?? []).length > 0;
}

async function render() {
  const { data } = await authClient.getSession();
  $("#signed-out").hidden = Boolean(data);
  $("#signed-in").hidden = !data;
  $("#who").textContent = data ? data.user.email : "";
  if (data) await Promise.all([renderKeys(), renderTokens(), renderOrganizationKeys()]);
}

const expiresIn = (value: string) => (value === "never" ? null : Number(value));

$<HTMLFormElement>("#auth-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  const action = (event.submitter as HTMLButtonElement | null)?.value;
  const email = String(form.get("email"));
  const password = String(form.get("password"));
  const { error } =
    action === "sign-in"
      ? await authClient.signIn.email({ email, password })
      : await authClient.signUp.email({ email, password, name: String(form.get("name")) });
  showError("#auth-error", error);
  await render();
});

$<HTMLFormElement>("#key-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const element = event.currentTarget as HTMLFormElement;
  const form = new FormData(element);
  const { data, error } = await authClient.apiKey.create({
    name: String(form.get("name")),
    expiresIn: expiresIn(String(form.get("expiresIn"))),
    permissions: String(form.get("permissions")).split(","),
  });
  showError("#key-error", error);
  if (data) {
    element.reset();
    revealSecret(`Your new API key "${data.name}"`, data.key);
    await renderKeys();
  }
});

$<HTMLFormElement>("#token-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const element = event.currentTarget as HTMLFormElement;
  const form = new FormData(element);
  const { data, error } = await authClient.bearer.createToken({
    name: String(form.get("name")),
    expiresIn: expiresIn(String(form.get("expiresIn"))),
  });
  showError("#token-error", error);
  if (data) {
    element.reset();
    revealSecret(`Your new personal token "${data.name}"`, data.token);
    await renderTokens();
  }
});

$<HTMLFormElement>("#org-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = String(new FormData(event.currentTarget as HTMLFormElement).get("name"));
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now().toString(36)}`;
  const { error } = await authClient.organization.create({ name, slug });
  showError("#org-error", error);
  await renderOrganizationKeys();
});

$<HTMLFormElement>("#org-key-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const element = event.currentTarget as HTMLFormElement;
  const form = new FormData(element);
  const organization = await currentOrganization();
  if (!organization) return;
  const { data, error } = await authClient.apiKey.create({
    organizationId: organization.id,
    name: String(form.get("name")),
    permissions: String(form.get("permissions")).split(","),
  });
  showError("#org-error", error);
  if (data) {
    element.reset();
    revealSecret(`The new key of ${organization.name}, "${data.name}"`, data.key);
    await renderOrganizationKeys();
  }
});

$("#copy-secret").addEventListener("click", async () => {
  await navigator.clipboard?.writeText($<HTMLInputElement>("#secret-value").value).catch(() => undefined);
  $("#copy-secret").textContent = "Copied";
});
$<HTMLDialogElement>("#secret-dialog").addEventListener("close", () => {
  // The secret leaves the page with the dialog: it is shown once.
  $<HTMLInputElement>("#secret-value").value = "";
  $("#copy-secret").textContent = "Copy";
  void Promise.all([renderKeys(), renderTokens(), renderOrganizationKeys()]);
});
$("#sign-out").addEventListener("click", async () => {
  await authClient.signOut();
  await render();
});

void render();
