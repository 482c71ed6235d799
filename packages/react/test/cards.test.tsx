import { apiKeyClient } from "@better-auth-tokens/client";
import { registerSecret, TEST_BASE_URL } from "@better-auth-tokens/test-utils";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createAuthClient } from "better-auth/client";
import { organizationClient } from "better-auth/client/plugins";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { CredentialRow } from "../src/components/credential-row";
import { ApiKeys, OrganizationApiKeys, PersonalTokens, TOKENS_CSS, TokensProvider, useApiKeys, type CredentialItem, type TokensAuthClient } from "../src/index";
import { setupAuth } from "./setup-auth";

afterEach(cleanup);

const dialog = () => screen.getByRole("dialog");

/** Fills and submits the open create dialog; resolves with the secret shown once. */
async function createThroughDialog(card: HTMLElement, name: string) {
  fireEvent.click(within(card).getByRole("button", { name: /create api key|generate token/i }));
  fireEvent.change(within(dialog()).getByLabelText("Name"), { target: { value: name } });
  fireEvent.click(within(dialog()).getByRole("button", { name: "Create" }));
}

/** An organization of a fresh auth: its owner, a plain member, and one key of the organization's named `keyName`. */
async function organizationWithMember(keyName: string) {
  const t = setupAuth();
  const [owner, member] = [await t.signUp(), await t.signUp()];
  const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
  const org = await api.createOrganization!({ body: { name: "Acme", slug: "acme" }, headers: owner.headers });
  await api.addMember!({ body: { userId: member.user.id, organizationId: org.id, role: "member" } });
  const created = await t.client(owner).apiKey.create({ organizationId: org.id, name: keyName });
  registerSecret(created.data!.key);
  return { t, owner, member, org, created };
}

describe("<ApiKeys />", () => {
  it("loads, is empty, creates (shown once, copied), lists, disables, refuses over the cap, and revokes after confirming", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    const client = t.client(ada) as unknown as TokensAuthClient;
    render(
      <TokensProvider authClient={client} locale="en-GB">
        <ApiKeys permissions={["read", "write"]} defaultPermissions={["read"]} maxExpiresIn={90 * 86400} classNames={{ item: "my-row" }} />
      </TokensProvider>,
    );
    const card = screen.getByRole("region", { name: "API keys" });
    // Loading: the skeleton, announced as busy.
    expect(within(card).getByRole("list", { name: "Loading…" }).getAttribute("aria-busy")).toBe("true");
    // Empty.
    await within(card).findByText("No API keys yet.");

    // Create: expiry choices respect the maximum and the no-expiry policy (none with a maximum).
    fireEvent.click(within(card).getByRole("button", { name: "Create API key" }));
    const expiry = within(dialog()).getByLabelText("Expiration") as HTMLSelectElement;
    expect([...expiry.options].map((option) => option.text)).toEqual(["1 day", "7 days", "30 days", "90 days"]);
    expect(expiry.value).toBe(String(30 * 86400));
    const in30Days = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(new Date(Date.now() + 30 * 86400_000));
    expect(within(dialog()).getByText(`Expires on ${in30Days}.`)).toBeTruthy();
    fireEvent.change(within(dialog()).getByLabelText("Name"), { target: { value: "CI pipeline" } });
    fireEvent.click(within(dialog()).getByLabelText("write"));
    fireEvent.click(within(dialog()).getByRole("button", { name: "Create" }));

    // Shown once, with the warning, and copied to the clipboard.
    await screen.findByRole("heading", { name: "Copy your new key" });
    const secret = (within(dialog()).getByLabelText("New secret for CI pipeline") as HTMLInputElement).value;
    registerSecret(secret);
    expect(secret).toMatch(/^ba_/);
    expect(within(dialog()).getByText(/only time it will be shown/)).toBeTruthy();
    fireEvent.click(within(dialog()).getByRole("button", { name: "Copy" }));
    await within(dialog()).findByRole("status");
    await waitFor(() => expect(within(dialog()).getByRole("status").textContent).toBe("Copied to the clipboard"));
    expect(await navigator.clipboard.readText()).toBe(secret);
    fireEvent.click(within(dialog()).getByRole("button", { name: "I have copied it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(document.body.innerHTML).not.toContain(secret);

    // Listed with its start, permissions and dates in the provider's locale.
    const row = (await within(card).findByText("CI pipeline")).closest("li")!;
    expect(row.className).toContain("my-row");
    expect(row.textContent).toContain(`${secret.slice(0, 6)}`);
    expect(row.textContent).toContain("read, write");
    expect(row.textContent).toContain("Never used");
    expect(row.textContent).toContain(new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(new Date()));

    // Disable: the server has it off.
    fireEvent.click(within(row).getByRole("switch", { name: "Enabled: CI pipeline" }));
    await waitFor(async () => expect((await t.client(ada).apiKey.list()).data?.apiKeys).toMatchObject([{ enabled: false }]));
    await waitFor(() => expect(within(card).getByRole("switch")).toHaveProperty("checked", false));

    // Over the cap of one: the code's message, inline in the dialog.
    await createThroughDialog(card, "second");
    const refusal = await within(dialog()).findByRole("alert");
    await waitFor(() => expect(refusal.dataset.code).toBe("MAX_KEYS_REACHED"));
    expect(refusal.textContent).toBe("The limit of API keys per user or organization is reached; revoke one first");
    fireEvent.click(within(dialog()).getByRole("button", { name: "Cancel" }));

    // Revoke: asks first; cancelling keeps the key, confirming removes it.
    fireEvent.click(within(card).getByRole("button", { name: "Revoke CI pipeline" }));
    expect(within(dialog()).getByRole("heading").textContent).toBe("Revoke CI pipeline?");
    fireEvent.click(within(dialog()).getByRole("button", { name: "Revoke" }));
    await within(card).findByText("No API keys yet.");
    expect((await t.client(ada).apiKey.list()).data).toMatchObject({ apiKeys: [], total: 0 });
  });

  it("shows a refused list inline with the code's message, and every string can be replaced", async () => {
    const t = setupAuth();
    render(
      <TokensProvider authClient={t.client() as unknown as TokensAuthClient} localization={{ apiKeysTitle: "Clés d'API", errors: {} }}>
        <ApiKeys />
      </TokensProvider>,
    );
    const card = screen.getByRole("region", { name: "Clés d'API" });
    const alert = await within(card).findByText("Sign in, or send a valid API key or bearer token");
    expect(alert.dataset.code).toBe("UNAUTHORIZED");
  });

  it("with an empty permissions list shows no picker and leaves the permissions to the server's defaults", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    render(
      <TokensProvider authClient={t.client(ada) as unknown as TokensAuthClient}>
        <ApiKeys permissions={[]} />
      </TokensProvider>,
    );
    const card = screen.getByRole("region", { name: "API keys" });
    await within(card).findByText("No API keys yet.");
    fireEvent.click(within(card).getByRole("button", { name: "Create API key" }));
    expect(within(dialog()).queryByRole("group", { name: "Permissions" })).toBeNull();
    fireEvent.change(within(dialog()).getByLabelText("Name"), { target: { value: "ci" } });
    fireEvent.click(within(dialog()).getByRole("button", { name: "Create" }));
    await screen.findByRole("heading", { name: "Copy your new key" });
    registerSecret((within(dialog()).getByRole("textbox") as HTMLTextAreaElement).value);
    // The server's defaultPermissions (["read"] in setupAuth), not an empty set.
    const { data } = await t.client(ada).apiKey.list();
    expect(data?.apiKeys[0]?.permissions).toEqual({ scopes: ["read"] });
  });

  it("gives a failure that reached no server a stable code and a readable line", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    // A real client whose connection drops: fetch rejects, as it does offline.
    const offline = createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: [apiKeyClient()],
      fetchOptions: {
        headers: new Headers({ cookie: ada.headers.get("cookie")!, origin: TEST_BASE_URL }),
        customFetchImpl: () => Promise.reject(new TypeError("fetch failed")),
      },
    });
    render(
      <TokensProvider authClient={offline as unknown as TokensAuthClient} localization={{ errors: {} }}>
        <ApiKeys />
      </TokensProvider>,
    );
    const alert = await screen.findByText("The server could not be reached. Check your connection and try again.");
    expect(alert.dataset.code).toBe("NETWORK_ERROR");
    await act(async () => undefined);
  });

  it("works on a client set to throw: lists, revokes, and shows the new secret", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    registerSecret((await t.client(ada).apiKey.create({ name: "existing" })).data!.key);
    // Better Auth's documented `fetchOptions.throw`: calls resolve with the data or throw.
    const throwing = createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: [apiKeyClient(), organizationClient()],
      fetchOptions: {
        throw: true,
        headers: new Headers({ cookie: ada.headers.get("cookie")!, origin: TEST_BASE_URL }),
        customFetchImpl: (input, init) => t.handler(new Request(input, init)),
      },
    });
    render(
      <TokensProvider authClient={throwing as unknown as TokensAuthClient}>
        <ApiKeys />
      </TokensProvider>,
    );
    const card = screen.getByRole("region", { name: "API keys" });
    await within(card).findByText("existing");
    expect(await within(card).findByRole("button", { name: "Roll existing" })).toBeTruthy();
    fireEvent.click(within(card).getByRole("button", { name: "Revoke existing" }));
    fireEvent.click(within(dialog()).getByRole("button", { name: "Revoke" }));
    await within(card).findByText("No API keys yet.");

    await createThroughDialog(card, "ci");
    await screen.findByRole("heading", { name: "Copy your new key" });
    const secret = (within(dialog()).getByRole("textbox") as HTMLTextAreaElement).value;
    registerSecret(secret);
    expect(secret).toMatch(/^ba_/);
    fireEvent.click(within(dialog()).getByRole("button", { name: "I have copied it" }));
    await within(card).findByText("ci");
  });
});

describe("<PersonalTokens />", () => {
  it("creates a token shown once, lists it without permissions, and revokes it", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    render(
      <TokensProvider authClient={t.client(ada) as unknown as TokensAuthClient} localization={{ errors: { MAX_TOKENS_REACHED: "Une seule." } }}>
        <PersonalTokens allowNoExpiry />
      </TokensProvider>,
    );
    const card = screen.getByRole("region", { name: "Personal tokens" });
    await within(card).findByText("No personal tokens yet.");
    await createThroughDialog(card, "laptop");
    expect(within(dialog()).queryByRole("group", { name: "Permissions" })).toBeNull();
    await screen.findByRole("heading", { name: "Copy your new key" });
    const token = (within(dialog()).getByRole("textbox") as HTMLInputElement).value;
    registerSecret(token);
    expect(token).toMatch(/^bat_/);
    fireEvent.click(within(dialog()).getByRole("button", { name: "I have copied it" }));
    const row = (await within(card).findByText("laptop")).closest("li")!;
    expect(row.textContent).not.toContain("Permissions");
    // The app's own text for a code replaces the server's.
    await createThroughDialog(card, "second");
    await waitFor(() => expect(within(dialog()).getByRole("alert").textContent).toBe("Une seule."));
    fireEvent.click(within(dialog()).getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(card).getByRole("button", { name: "Revoke laptop" }));
    fireEvent.click(within(dialog()).getByRole("button", { name: "Revoke" }));
    await within(card).findByText("No personal tokens yet.");
  });
});

describe("expiry choices", () => {
  it("writes lifetimes under a day in hours or minutes, with the time they end", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    const view = (props: { maxExpiresIn: number; expiresInChoices?: number[] }) =>
      render(
        <TokensProvider authClient={t.client(ada) as unknown as TokensAuthClient} locale="en-GB">
          <PersonalTokens {...props} />
        </TokensProvider>,
      );
    const options = () => [...(within(dialog()).getByLabelText("Expiration") as HTMLSelectElement).options].map((option) => option.text);

    const short = view({ maxExpiresIn: 3600 });
    fireEvent.click(short.getByRole("button", { name: "Generate token" }));
    expect(options()).toEqual(["1 hour"]);
    short.unmount();

    const mixed = view({ maxExpiresIn: 36 * 3600, expiresInChoices: [60, 15 * 60, 90 * 60, 6 * 3600, 36 * 3600] });
    fireEvent.click(mixed.getByRole("button", { name: "Generate token" }));
    expect(options()).toEqual(["1 minute", "15 minutes", "1.5 hours", "6 hours", "1.5 days"]);
    const select = within(dialog()).getByLabelText("Expiration");
    fireEvent.change(select, { target: { value: String(6 * 3600) } });
    // Within a day the hint says the time too; a minute may tick by between render and check.
    const at = (ms: number) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
    const hint = within(dialog()).getByText(/^Expires on/).textContent;
    expect([`Expires on ${at(Date.now() + 6 * 3600_000)}.`, `Expires on ${at(Date.now() + 6 * 3600_000 - 60_000)}.`]).toContain(hint);
  });
});

describe("side by side", () => {
  it("gives the user's and the organization's create buttons different names", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
    const org = await api.createOrganization!({ body: { name: "Acme", slug: "acme" }, headers: ada.headers });
    render(
      <TokensProvider authClient={t.client(ada) as unknown as TokensAuthClient}>
        <ApiKeys />
        <OrganizationApiKeys organizationId={org.id} />
      </TokensProvider>,
    );
    const own = within(screen.getByRole("region", { name: "API keys" })).getByRole("button", { name: "Create API key" });
    const team = await within(screen.getByRole("region", { name: "Organization API keys" })).findByRole("button", { name: "Create organization API key" });
    expect(screen.getAllByRole("button", { name: "Create API key" })).toEqual([own]);
    expect(team).not.toBe(own);
  });
});

describe("names in other scripts", () => {
  it("isolates each user-chosen name in <bdi>: rows, control names, dialog titles and the secret's label", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    const name = "مفتاح CI 1";
    render(
      <TokensProvider authClient={t.client(ada) as unknown as TokensAuthClient}>
        <PersonalTokens />
      </TokensProvider>,
    );
    const card = screen.getByRole("region", { name: "Personal tokens" });
    await within(card).findByText("No personal tokens yet.");
    await createThroughDialog(card, name);
    await screen.findByRole("heading", { name: "Copy your new key" });
    const label = within(dialog()).getByText((_, element) => element?.tagName === "LABEL" && element.textContent === `New secret for ${name}`);
    expect(label.querySelector("bdi")?.textContent).toBe(name);
    registerSecret((within(dialog()).getByRole("textbox") as HTMLTextAreaElement).value);
    fireEvent.click(within(dialog()).getByRole("button", { name: "I have copied it" }));

    const shown = await within(card).findByText(name);
    expect(shown.tagName).toBe("BDI");
    fireEvent.click(within(card).getByRole("button", { name: `Revoke ${name}` }));
    const title = within(dialog()).getByRole("heading");
    expect(title.textContent).toBe(`Revoke ${name}?`);
    expect(title.querySelector("bdi")?.textContent).toBe(name);
  });
});

describe("names that look like dates", () => {
  it("shows a name written as an ISO date as the text it is, with its controls, instead of failing to render", async () => {
    // Better Auth's client turns every ISO-date-looking string of an answer into a Date, names
    // included: rendered as a React child, that Date took the whole card down.
    const t = setupAuth();
    const ada = await t.signUp();
    const name = "2026-01-01T00:00:00Z";
    render(
      <TokensProvider authClient={t.client(ada) as unknown as TokensAuthClient}>
        <ApiKeys />
      </TokensProvider>,
    );
    const card = screen.getByRole("region", { name: "API keys" });
    await within(card).findByText("No API keys yet.");
    await createThroughDialog(card, name);
    await screen.findByRole("heading", { name: "Copy your new key" });
    registerSecret((within(dialog()).getByRole("textbox") as HTMLTextAreaElement).value);
    expect(within(dialog()).getByText(name).tagName).toBe("BDI");
    fireEvent.click(within(dialog()).getByRole("button", { name: "I have copied it" }));
    const row = (await within(card).findByText(name)).closest("li")!;
    expect(row.dataset.name).toBe(name);
    fireEvent.click(within(card).getByRole("button", { name: `Revoke ${name}` }));
    expect(within(dialog()).getByRole("heading").textContent).toBe(`Revoke ${name}?`);
    fireEvent.click(within(dialog()).getByRole("button", { name: "Revoke" }));
    await within(card).findByText("No API keys yet.");
  });
});

describe("<OrganizationApiKeys />", () => {
  it("gives the owner every control, a read-only member none, and an outsider the server's refusal", async () => {
    const t = setupAuth();
    const [owner, member, outsider] = [await t.signUp(), await t.signUp(), await t.signUp()];
    const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
    const org = await api.createOrganization!({ body: { name: "Acme", slug: "acme" }, headers: owner.headers });
    await api.addMember!({ body: { userId: member.user.id, organizationId: org.id, role: "member" } });
    const created = await t.client(owner).apiKey.create({ organizationId: org.id, name: "deploys" });
    registerSecret(created.data!.key);

    const view = (who: typeof owner, limit?: number) =>
      render(
        <TokensProvider authClient={t.client(who) as unknown as TokensAuthClient}>
          <OrganizationApiKeys organizationId={org.id} {...(limit ? { limit } : {})} />
        </TokensProvider>,
      );

    // A page of one: the newest, and a note that there are more.
    const nightly = await t.client(owner).apiKey.create({ organizationId: org.id, name: "nightly" });
    registerSecret(nightly.data!.key);
    const paged = view(owner, 1);
    await paged.findByText("Showing the newest 1 of 2");
    expect(paged.getByText("nightly")).toBeTruthy();
    expect(paged.queryByText("deploys")).toBeNull();
    paged.unmount();
    await t.client(owner).apiKey.revoke({ id: nightly.data!.id });

    const asOwner = view(owner);
    await asOwner.findByText("deploys");
    // The controls follow the role's answer, which is asked apart from the list.
    expect(await asOwner.findByRole("button", { name: "Create organization API key" })).toBeTruthy();
    expect(asOwner.getByRole("button", { name: "Revoke deploys" })).toBeTruthy();
    expect(asOwner.getByRole("switch", { name: "Enabled: deploys" })).toBeTruthy();
    expect(await asOwner.findByRole("button", { name: "Roll deploys" })).toBeTruthy();
    asOwner.unmount();

    const asMember = view(member);
    await asMember.findByText("deploys");
    // Likewise, the role's answer, not the list, says the controls are settled.
    await asMember.findByText(/can view its keys but not manage them/);
    expect(asMember.queryByRole("button", { name: "Create organization API key" })).toBeNull();
    expect(asMember.queryByRole("button", { name: "Revoke deploys" })).toBeNull();
    expect(asMember.queryByRole("switch")).toBeNull();
    asMember.unmount();

    const asOutsider = view(outsider);
    const refusal = await asOutsider.findByText("Not a member of this organization");
    expect(refusal.dataset.code).toBe("NOT_ORGANIZATION_MEMBER");
    asOutsider.unmount();

    // Without organizationClient() the card cannot ask: no controls, and it says why.
    const memberClient = t.client(member);
    const plain: TokensAuthClient = { apiKey: memberClient.apiKey, $fetch: memberClient.$fetch };
    const unguarded = render(
      <TokensProvider authClient={plain}>
        <OrganizationApiKeys organizationId={org.id} />
      </TokensProvider>,
    );
    await unguarded.findByText("deploys");
    await waitFor(() => expect(unguarded.container.querySelector("[data-code=ORGANIZATION_CLIENT_MISSING]")).toBeTruthy());
    expect(unguarded.queryByRole("button", { name: /Create organization API key|Revoke|Roll/ })).toBeNull();
    expect(unguarded.queryByText(/can view its keys but not manage them/)).toBeNull();
    await act(async () => undefined);
  });

  it("says in words that a key is disabled, to a member who has no switch", async () => {
    const { t, owner, member, org, created } = await organizationWithMember("paused");
    await t.client(owner).apiKey.update({ id: created.data!.id, enabled: false });
    const view = render(
      <TokensProvider authClient={t.client(member) as unknown as TokensAuthClient}>
        <OrganizationApiKeys organizationId={org.id} />
      </TokensProvider>,
    );
    const row = (await view.findByText("paused")).closest("li")!;
    await view.findByText(/can view its keys but not manage them/);
    expect(within(row).queryByRole("switch")).toBeNull();
    expect(within(row).getByText("Disabled")).toBeTruthy();
  });

  it("offers a member no control before the role is known, and none when it cannot be read", async () => {
    const { t, member, org } = await organizationWithMember("deploys");

    // Before any answer: no create button a read-only member could click.
    const first = render(
      <TokensProvider authClient={t.client(member) as unknown as TokensAuthClient}>
        <OrganizationApiKeys organizationId={org.id} />
      </TokensProvider>,
    );
    expect(first.queryByRole("button", { name: "Create organization API key" })).toBeNull();
    await first.findByText("deploys");
    await first.findByText(/can view its keys but not manage them/);
    expect(first.queryByRole("button", { name: "Create organization API key" })).toBeNull();
    first.unmount();

    // The permission check fails on the way (a real client, a dropped connection): no controls, an error.
    const flaky = createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: [apiKeyClient(), organizationClient()],
      fetchOptions: {
        headers: new Headers({ cookie: member.headers.get("cookie")!, origin: TEST_BASE_URL }),
        customFetchImpl: async (input, init) => {
          const request = new Request(input, init);
          if (new URL(request.url).pathname.endsWith("/organization/has-permission")) throw new TypeError("fetch failed");
          return t.handler(request);
        },
      },
    });
    const failing = render(
      <TokensProvider authClient={flaky as unknown as TokensAuthClient}>
        <OrganizationApiKeys organizationId={org.id} />
      </TokensProvider>,
    );
    await failing.findByText("deploys");
    await waitFor(() => expect(failing.getByRole("alert").dataset.code).toBe("NETWORK_ERROR"));
    expect(failing.queryByRole("button", { name: /Create organization API key|Revoke|Roll/ })).toBeNull();
    expect(failing.queryByRole("switch")).toBeNull();
  });
});

describe("a row with a quota and a pending roll", () => {
  it("shows the requests left, the refill and when the previous secret stops, in the locale", () => {
    const t = setupAuth();
    const item = {
      id: "k1",
      name: "metered",
      start: "ba_abc",
      permissions: { scopes: ["read"], projects: ["list"] },
      enabled: true,
      createdAt: new Date("2026-03-01T10:00:00.000Z"),
      lastUsedAt: new Date("2026-03-02T10:00:00.000Z"),
      expiresAt: null,
      remaining: 1234,
      refillAmount: 5000,
      refillInterval: 3_600_000,
      lastRefillAt: new Date("2026-03-02T09:00:00.000Z"),
      previousSecretExpiresAt: new Date("2026-03-03T09:00:00.000Z"),
    };
    render(
      <TokensProvider authClient={t.client() as unknown as TokensAuthClient} locale="en-US">
        <ul>
          <CredentialRow item={item} onToggle={null} onRoll={() => undefined} onRevoke={null} />
        </ul>
      </TokensProvider>,
    );
    const row = screen.getByRole("listitem");
    expect(row.textContent).toContain("read, projects:list");
    expect(row.textContent).toContain("No expiry");
    expect(row.textContent).toContain("Mar 2, 2026");
    expect(row.textContent).toContain("1,234 requests left · refills 5,000 every 1 hour · next refill Mar 2, 2026");
    expect(row.textContent).toContain("Previous secret works until Mar 3, 2026");
    expect(screen.getByRole("button", { name: "Roll metered" })).toBeTruthy();
    // No switch without an update control, no revoke without the right.
    expect(screen.queryByRole("switch")).toBeNull();
    expect(screen.queryByRole("button", { name: /^Revoke/ })).toBeNull();
  });
});

describe("following the session and the organization", () => {
  it("drops the previous user's keys and controls at once when another user signs in on the same client", async () => {
    const t = setupAuth();
    const [ada, bob] = [await t.signUp(), await t.signUp()];
    const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
    const org = await api.createOrganization!({ body: { name: "Acme", slug: "acme" }, headers: ada.headers });
    await api.addMember!({ body: { userId: bob.user.id, organizationId: org.id, role: "member" } });
    for (const [who, body] of [
      [ada, { organizationId: org.id, name: "ada-org-key" }],
      [ada, { name: "ada-own-key" }],
      [bob, { name: "bob-own-key" }],
    ] as const) registerSecret((await t.client(who).apiKey.create(body)).data!.key);

    // A browser-like client: one cookie jar, sessions changing under the mounted cards.
    let cookie = ada.headers.get("cookie")!;
    let hold: Promise<void> | null = null;
    const client = createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: [apiKeyClient(), organizationClient()],
      fetchOptions: {
        customFetchImpl: async (input, init) => {
          const request = new Request(input, init);
          request.headers.set("origin", TEST_BASE_URL);
          if (cookie) request.headers.set("cookie", cookie);
          if (hold && new URL(request.url).pathname.endsWith("/api-key/list")) await hold;
          const response = await t.handler(request);
          const set = response.headers.getSetCookie().map((line) => line.split(";")[0]!);
          if (set.length) cookie = set.filter((pair) => !pair.endsWith("=")).join("; ");
          return response;
        },
      },
    });
    const session = () => client.$store.atoms.session!.get() as { data: { user: { id: string } } | null; isPending: boolean };
    render(
      <TokensProvider authClient={client as unknown as TokensAuthClient}>
        <ApiKeys />
        <OrganizationApiKeys organizationId={org.id} />
      </TokensProvider>,
    );
    // Looked up each time: the cards are new elements for a new user.
    const own = () => screen.getByRole("region", { name: "API keys" });
    const organization = () => screen.getByRole("region", { name: "Organization API keys" });
    await within(own()).findByText("ada-own-key");
    await within(organization()).findByText("ada-org-key");
    await within(organization()).findByRole("button", { name: "Create organization API key" });
    await waitFor(() => expect(session().data?.user.id).toBe(ada.user.id));

    // Signed out, with the lists' re-reads held back: Ada's rows and controls are gone already.
    let release = () => undefined as void;
    hold = new Promise((resolve) => (release = resolve));
    await act(async () => {
      await client.signOut();
    });
    await waitFor(() => expect(session().data).toBeNull());
    expect(screen.queryByText("ada-own-key")).toBeNull();
    expect(screen.queryByText("ada-org-key")).toBeNull();
    expect(screen.queryByRole("button", { name: /Revoke|Roll/ })).toBeNull();
    expect(within(organization()).queryByRole("button", { name: "Create organization API key" })).toBeNull();
    release();
    hold = null;

    // Bob signs in: his own key, and the organization's as a read-only member.
    await act(async () => {
      await client.signIn.email({ email: bob.user.email, password: "correct-horse-battery" });
    });
    await waitFor(() => within(own()).getByText("bob-own-key"));
    await waitFor(() => within(organization()).getByText("ada-org-key"));
    await waitFor(() => within(organization()).getByText(/can view its keys but not manage them/));
    expect(within(organization()).queryByRole("button", { name: /Create organization API key|Revoke/ })).toBeNull();
    expect(screen.queryByText("ada-own-key")).toBeNull();
  });

  it("shows no row of the previous organization under the next one's answer", async () => {
    const t = setupAuth();
    const [ada, bob] = [await t.signUp(), await t.signUp()];
    const api = t.auth.api as unknown as Record<string, (input: unknown) => Promise<{ id: string }>>;
    const alpha = await api.createOrganization!({ body: { name: "Alpha", slug: "alpha" }, headers: ada.headers });
    const beta = await api.createOrganization!({ body: { name: "Beta", slug: "beta" }, headers: bob.headers });
    registerSecret((await t.client(ada).apiKey.create({ organizationId: alpha.id, name: "alpha-key" })).data!.key);
    const client = t.client(ada) as unknown as TokensAuthClient;
    const view = (organizationId: string) => (
      <TokensProvider authClient={client}>
        <OrganizationApiKeys organizationId={organizationId} />
      </TokensProvider>
    );
    const card = render(view(alpha.id));
    await card.findByText("alpha-key");
    await card.findByRole("button", { name: "Revoke alpha-key" });
    card.rerender(view(beta.id));
    // Gone in the same render that switched, not when Beta's answer arrives.
    expect(card.queryByText("alpha-key")).toBeNull();
    const refusal = await card.findByText("Not a member of this organization");
    expect(refusal.dataset.code).toBe("NOT_ORGANIZATION_MEMBER");
    expect(card.queryByText("alpha-key")).toBeNull();
    expect(card.queryByRole("button", { name: /Create organization API key|Revoke/ })).toBeNull();
    // The list is refused: nothing is said about a role the caller does not have.
    expect(card.queryByText(/can view its keys but not manage them/)).toBeNull();
  });

  it.each([
    ["no answer at all", () => Promise.reject(new TypeError("fetch failed"))],
    ["a 500", () => Promise.resolve(Response.json({ message: "down" }, { status: 500 }))],
  ])("keeps a new key's show-once dialog when the first session read got %s and a later one succeeds", async (_failure, fail) => {
    const t = setupAuth();
    const ada = await t.signUp();
    let sessionFails = true;
    const client = createAuthClient({
      baseURL: TEST_BASE_URL,
      plugins: [apiKeyClient()],
      fetchOptions: {
        customFetchImpl: async (input, init) => {
          const request = new Request(input, init);
          request.headers.set("origin", TEST_BASE_URL);
          request.headers.set("cookie", ada.headers.get("cookie")!);
          if (sessionFails && new URL(request.url).pathname.endsWith("/get-session")) return fail();
          return t.handler(request);
        },
      },
    });
    const session = client.$store.atoms.session!;
    render(
      <TokensProvider authClient={client as unknown as TokensAuthClient}>
        <ApiKeys />
      </TokensProvider>,
    );
    const card = screen.getByRole("region", { name: "API keys" });
    await within(card).findByText("No API keys yet.");
    await waitFor(() => expect((session.get() as { error: unknown }).error).toBeTruthy());
    fireEvent.click(within(card).getByRole("button", { name: "Create API key" }));
    fireEvent.change(within(screen.getByRole("dialog")).getByLabelText("Name"), { target: { value: "ci" } });
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Create" }));
    await screen.findByRole("heading", { name: "Copy your new key" });
    registerSecret((within(screen.getByRole("dialog")).getByRole("textbox") as HTMLTextAreaElement).value);
    // A read of the session that now succeeds (a window focus, coming back online): the same user.
    sessionFails = false;
    await act(async () => {
      await (session.get() as { refetch: () => Promise<void> }).refetch();
    });
    await waitFor(() => expect((session.get() as { data: { user: { id: string } } | null }).data?.user.id).toBe(ada.user.id));
    expect(screen.queryByRole("heading", { name: "Copy your new key" })).not.toBeNull();
  });
});

describe("useApiKeys", () => {
  it("hands over dates as the Date objects Better Auth's client makes, and types them so", async () => {
    const t = setupAuth();
    const ada = await t.signUp();
    registerSecret((await t.client(ada).apiKey.create({ name: "dated", expiresIn: 86400 })).data!.key);
    let seen: CredentialItem | undefined;
    function Probe() {
      seen = useApiKeys().data?.[0];
      return null;
    }
    render(
      <TokensProvider authClient={t.client(ada) as unknown as TokensAuthClient}>
        <Probe />
      </TokensProvider>,
    );
    await waitFor(() => expect(seen).toBeTruthy());
    // The types say what arrives: a string type here would not compile (the typecheck runs on tests).
    expectTypeOf(seen!.createdAt).toEqualTypeOf<Date>();
    expectTypeOf(seen!.expiresAt).toEqualTypeOf<Date | null>();
    expectTypeOf(seen!.lastUsedAt).toEqualTypeOf<Date | null>();
    expect(seen!.createdAt).toBeInstanceOf(Date);
    expect(seen!.expiresAt).toBeInstanceOf(Date);
  });
});

describe("the stylesheet", () => {
  it("wraps a long unbroken name wherever it shows it, rather than overflowing the card or a dialog", () => {
    // Names may be 64 characters without a space: every place that shows one may break it anywhere.
    for (const selector of [".bat-item-name", ".bat-dialog-title", ".bat-secret-label"]) {
      const rule = new RegExp(`(^|\\})${selector.replace(".", "\\.")}\\{([^}]*)\\}`, "m").exec(TOKENS_CSS);
      expect(rule?.[2], selector).toContain("overflow-wrap:anywhere");
    }
  });
});
