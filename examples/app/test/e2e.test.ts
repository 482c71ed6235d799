import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWhoami } from "./run-whoami";
import { startApp } from "./start-app";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[e2e] skipping the browser test: ${CHROMIUM} is missing (apt-get install -y chromium)`);

// Screenshots for the docs are written only on request, so a test run never dirties the tree.
const screenshots = process.env.UPDATE_SCREENSHOTS === "1" ? fileURLToPath(new URL("../../../docs/img/", import.meta.url)) : null;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core in the page: every rule it runs by default (WCAG A/AA and best practices), 0 violations. */
async function expectAccessible(page: Page, state: string) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  });
  expect(violations, `axe in state "${state}"`).toEqual([]);
}

/** Presses Tab until the focused control is the one named `name` (aria-labelledby, aria-label, its label or text): keyboard only. */
async function tabTo(page: Page, name: string) {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      if (!element) return "";
      // The rows' controls take their names from the elements they point at (the name is in <bdi>).
      const labelledBy = element.getAttribute("aria-labelledby");
      if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? "").join(" ").trim();
      return (element.getAttribute("aria-label") ?? element.labels?.[0]?.textContent ?? element.textContent ?? "").trim();
    });
    if (focused === name) return;
  }
  throw new Error(`no control named "${name}" reached with Tab`);
}

async function focusedName(page: Page) {
  return page.evaluate(() => document.activeElement?.textContent?.trim());
}

/** The open show-once dialog's secret, copied with its button and read back from the clipboard. */
async function copySecret(page: Page, by: "keyboard" | "mouse") {
  await page.waitForSelector("dialog[open] .bat-secret textarea");
  const secret = await page.inputValue("dialog[open] .bat-secret textarea");
  if (by === "keyboard") {
    await tabTo(page, "Copy");
    await page.keyboard.press("Enter");
  } else {
    await page.click("dialog[open] .bat-secret button");
  }
  await page.waitForSelector("dialog[open] [role=status]:has-text('Copied')");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  return secret;
}

/** The status `path` answers with `headers`, polled briefly: a switch takes one round trip to reach the server. */
async function eventually(url: string, headers: Record<string, string>, status: number) {
  let last = 0;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    last = (await fetch(url, { headers })).status;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(last).toBe(status);
}

const row = (card: string, name: string) => `section:has(h2:text-is("${card}")) li[data-name="${name}"]`;

describe.skipIf(!hasChromium)("the example app in headless Chromium", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("creates, copies, uses, disables, re-enables and revokes an API key, a personal token and an organization's key", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.baseURL });
    const page = await context.newPage();
    await page.goto(app.baseURL);
    await page.waitForSelector("#auth-form");
    await expectAccessible(page, "signed out");

    await page.fill("#auth-form input[name=email]", "ada@example.com");
    await page.fill("#auth-form input[name=password]", "correct-horse-battery");
    await page.click("#auth-form button[value=sign-up]");
    await page.waitForSelector("text=No API keys yet.");
    await page.waitForSelector("text=No personal tokens yet.");
    await expectAccessible(page, "signed in, nothing yet");

    // An API key, keyboard only: open the dialog, name it, add "write", create, copy, close.
    await tabTo(page, "Create API key");
    await page.keyboard.press("Enter");
    await page.waitForSelector("dialog[open] form");
    await page.keyboard.type("CI pipeline");
    await tabTo(page, "write");
    await page.keyboard.press("Space");
    await expectAccessible(page, "create dialog");
    if (screenshots) {
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: `${screenshots}create-dialog-1280.png` });
      await page.setViewportSize({ width: 375, height: 740 });
      await page.screenshot({ path: `${screenshots}create-dialog-375.png` });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await tabTo(page, "Create");
    await page.keyboard.press("Enter");
    const key = await copySecret(page, "keyboard");
    expect(key).toMatch(/^ba_[0-9A-Za-z]{38}$/);
    await expectAccessible(page, "show-once dialog");
    await tabTo(page, "I have copied it");
    await page.keyboard.press("Enter");
    await page.waitForSelector(row("API keys", "CI pipeline"));
    // Focus is back where the flow started, and the key is nowhere on the page any more.
    expect(await focusedName(page)).toBe("Create API key");
    expect(await page.content()).not.toContain(key);
    expect(await page.textContent(row("API keys", "CI pipeline"))).toContain("read, write");

    // Escape closes a dialog and gives focus back to the button that opened it.
    await tabTo(page, "Generate token");
    await page.keyboard.press("Enter");
    await page.waitForSelector("dialog[open] form");
    await page.keyboard.press("Escape");
    await page.waitForSelector("dialog[open]", { state: "detached" });
    expect(await focusedName(page)).toBe("Generate token");

    // A personal token, with the mouse.
    await page.click("button:text-is('Generate token')");
    await page.fill("dialog[open] input[name=name]", "laptop CLI");
    await page.click("dialog[open] button:text-is('Create')");
    const token = await copySecret(page, "mouse");
    expect(token).toMatch(/^bat_/);
    await page.click("dialog[open] button:text-is('I have copied it')");
    await page.waitForSelector(row("Personal tokens", "laptop CLI"));

    // An organization and its key.
    await page.fill("#org-form input[name=name]", "Acme");
    await page.click("#org-form button");
    await page.waitForSelector("section:has(h2:text-is('Organization API keys')) button:text-is('Create organization API key')");
    await page.click("section:has(h2:text-is('Organization API keys')) button:text-is('Create organization API key')");
    await page.fill("dialog[open] input[name=name]", "deploy bot");
    await page.click("dialog[open] button:text-is('Create')");
    const teamKey = await copySecret(page, "mouse");
    expect(teamKey).toMatch(/^bao_/);
    if (screenshots) {
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: `${screenshots}show-once-1280.png` });
      await page.setViewportSize({ width: 375, height: 740 });
      await page.screenshot({ path: `${screenshots}show-once-375.png` });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.click("dialog[open] button:text-is('I have copied it')");
    await page.waitForSelector(row("Organization API keys", "deploy bot"));
    await expectAccessible(page, "three lists");

    // At 375 px nothing is wider than the screen: no control is cut off.
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    if (screenshots) await page.screenshot({ path: `${screenshots}settings-375.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    if (screenshots) await page.screenshot({ path: `${screenshots}settings-1280.png`, fullPage: true });

    // Each credential works.
    const me = `${app.baseURL}/api/me`;
    const whoami = `${app.baseURL}/api/whoami`;
    expect((await fetch(me, { headers: { "x-api-key": key } })).status).toBe(200);
    expect((await runWhoami({ API_URL: app.baseURL, API_TOKEN: key })).output).toContain("ada@example.com");
    expect((await fetch(me, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await (await fetch(whoami, { headers: { "x-api-key": teamKey } })).json()).toMatchObject({ owner: { type: "organization" } });

    // Disable and re-enable: the API key by keyboard, the organization's key with the mouse.
    await tabTo(page, "Enabled: CI pipeline");
    await page.keyboard.press("Space");
    await eventually(me, { "x-api-key": key }, 401);
    await page.waitForSelector(`${row("API keys", "CI pipeline")}[data-enabled=false]`);
    // A disabled row is set apart without dimming its text below contrast.
    await expectAccessible(page, "a disabled key");
    await page.keyboard.press("Space");
    await eventually(me, { "x-api-key": key }, 200);
    await page.click(`${row("Organization API keys", "deploy bot")} [role=switch]`);
    await eventually(whoami, { "x-api-key": teamKey }, 401);
    await page.click(`${row("Organization API keys", "deploy bot")} [role=switch]`);
    await eventually(whoami, { "x-api-key": teamKey }, 200);
    // Personal tokens have a switch only where the server can disable them.
    const tokenSwitch = await page.$(`${row("Personal tokens", "laptop CLI")} [role=switch]`);
    if (tokenSwitch) {
      await tokenSwitch.click();
      await eventually(me, { authorization: `Bearer ${token}` }, 401);
      await tokenSwitch.click();
      await eventually(me, { authorization: `Bearer ${token}` }, 200);
    }

    // Revoke: the API key by keyboard (after a confirmation), the others with the mouse.
    await tabTo(page, "Revoke CI pipeline");
    await page.keyboard.press("Enter");
    // The name sits in <bdi> inside the title, which `:text-is` does not look into.
    await page.waitForSelector("dialog[open] h2:has-text('Revoke CI pipeline?')");
    await expectAccessible(page, "revoke confirmation");
    await tabTo(page, "Revoke");
    await page.keyboard.press("Enter");
    await page.waitForSelector(row("API keys", "CI pipeline"), { state: "detached" });
    for (const [card, name] of [["Personal tokens", "laptop CLI"], ["Organization API keys", "deploy bot"]] as const) {
      await page.click(`${row(card, name)} button:text-is('Revoke')`);
      await page.click("dialog[open] button:text-is('Revoke')");
      await page.waitForSelector(row(card, name), { state: "detached" });
    }
    await expectAccessible(page, "after revoking");

    expect((await fetch(me, { headers: { "x-api-key": key } })).status).toBe(401);
    expect((await fetch(me, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await fetch(whoami, { headers: { "x-api-key": teamKey } })).status).toBe(401);
    const cli = await runWhoami({ API_URL: app.baseURL, API_TOKEN: key });
    expect(cli.code).toBe(1);
    expect(cli.output).toContain("401");
    expect(cli.output).not.toContain(key);
    await context.close();
  });
});
