import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWhoami } from "./run-whoami";
import { startApp } from "./start-app";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[e2e] skipping the browser test: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const screenshots = fileURLToPath(new URL("../../../docs/img/", import.meta.url));
describe.skipIf(!hasChromium)("the example app in headless Chromium", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A fresh page, signed up or signed in as Ada through the form. */
  async function openAsAda(action: "sign-up" | "sign-in") {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(app.baseURL);
    await page.fill("#auth-form input[name=email]", "ada@example.com");
    await page.fill("#auth-form input[name=password]", "correct-horse-battery");
    await page.click(`#auth-form button[value=${action}]`);
    await page.waitForSelector("#signed-in:not([hidden])");
    return page;
  }

  it("signs up, creates a key, uses it, revokes it in the UI, and the key stops working", async () => {
    const page = await openAsAda("sign-up");

    await page.fill("#key-form input[name=name]", "CI pipeline");
    await page.selectOption("#key-form select[name=permissions]", "read,write");
    await page.click("#key-form button");
    await page.waitForSelector("#secret-dialog[open]");
    const key = await page.inputValue("#secret-value");
    expect(key).toMatch(/^ba_[0-9A-Za-z]{38}$/);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}api-key-created.png` });

    const me = await fetch(`${app.baseURL}/api/me`, { headers: { "x-api-key": key } });
    expect(me.status).toBe(200);
    expect((await runWhoami({ API_URL: app.baseURL, API_TOKEN: key })).output).toContain("ada@example.com");

    await page.click("#secret-done");
    await page.waitForSelector("#key-table tr[data-name='CI pipeline']");
    // The key is shown once: after the dialog closes it is nowhere on the page.
    expect(await page.content()).not.toContain(key);
    await page.screenshot({ path: `${screenshots}api-keys-list.png` });

    await page.click("#key-table tr[data-name='CI pipeline'] button.danger");
    await page.waitForSelector("#confirm-dialog[open]");
    await page.click("#confirm-revoke");
    await page.waitForSelector("#key-table tr[data-name='CI pipeline']", { state: "detached" });

    const after = await fetch(`${app.baseURL}/api/me`, { headers: { "x-api-key": key } });
    expect(after.status).toBe(401);
    const cli = await runWhoami({ API_URL: app.baseURL, API_TOKEN: key });
    expect(cli.code).toBe(1);
    expect(cli.output).toContain("401");
    expect(cli.output).not.toContain(key);
  });

  it("creates a personal token that works as Authorization: Bearer, and revokes it", async () => {
    const page = await openAsAda("sign-in");

    await page.fill("#token-form input[name=name]", "laptop CLI");
    await page.click("#token-form button");
    await page.waitForSelector("#secret-dialog[open]");
    const token = await page.inputValue("#secret-value");
    expect(token).toMatch(/^bat_/);
    await page.click("#secret-done");
    expect((await runWhoami({ API_URL: app.baseURL, API_TOKEN: token })).output).toContain("personal-token");

    await page.click("#token-table tr[data-name='laptop CLI'] button.danger");
    await page.click("#confirm-revoke");
    await page.waitForSelector("#token-table tr[data-name='laptop CLI']", { state: "detached" });
    expect((await fetch(`${app.baseURL}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it("creates an organization and a team key that acts for it, and revokes it", async () => {
    const page = await openAsAda("sign-in");

    await page.fill("#org-form input[name=name]", "Acme");
    await page.click("#org-form button");
    await page.waitForSelector("#org-keys:not([hidden])");
    await page.fill("#org-key-form input[name=name]", "deploy bot");
    await page.click("#org-key-form button");
    await page.waitForSelector("#secret-dialog[open]");
    const key = await page.inputValue("#secret-value");
    expect(key).toMatch(/^bao_/);
    await page.click("#secret-done");
    await page.waitForSelector("#org-key-table tr[data-name='deploy bot']");

    const whoami = await fetch(`${app.baseURL}/api/whoami`, { headers: { "x-api-key": key } });
    expect(await whoami.json()).toMatchObject({ owner: { type: "organization" } });

    await page.click("#org-key-table tr[data-name='deploy bot'] button.danger");
    await page.click("#confirm-revoke");
    await page.waitForSelector("#org-key-table tr[data-name='deploy bot']", { state: "detached" });
    expect((await fetch(`${app.baseURL}/api/whoami`, { headers: { "x-api-key": key } })).status).toBe(401);
  });
});
