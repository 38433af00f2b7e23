import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  demoPassword,
  type E2eServer,
  launchBrowser,
  screenshot,
  signIn,
  startServer,
  totpCode,
} from "./e2e-harness";

/**
 * Two factors in the console (等保三级 8.1.4.1 d): a county officer turns on TOTP from 我的账号 (QR code, confirm
 * with a code, ten recovery codes shown once) and signs in again with the second step; the security
 * administrator resets the audit administrator's authenticator on the user page, and the audit administrator
 * must enrol again at the next sign-in, on a phone (390×844).
 */
let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function passwordStep(page: Page, username: string) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(demoPassword);
  await page.getByTestId("login-submit").click();
}

const secretOf: Record<string, string> = {};

/** Reads the secret shown under the QR code, confirms with the current code; answers the recovery codes. */
async function enrol(page: Page, username: string, shot: string): Promise<string[]> {
  await page.getByTestId("totp-qr").waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("totp-qr").getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  secretOf[username] = secret;
  await screenshot(page, `${shot}-qr`);
  // Nothing wider than the screen (phone width included).
  const viewport = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport);
  await page.getByTestId("totp-enrol-code").fill(await totpCode(username, secret));
  await page.getByTestId("totp-enrol-submit").click();
  const codes = page.getByTestId("recovery-codes");
  await codes.waitFor({ timeout: 15_000 });
  const list = (await codes.locator("li").allTextContents()).map((c) => c.trim());
  await screenshot(page, `${shot}-recovery-codes`);
  await page.getByTestId("recovery-done").click();
  await page.getByTestId("user-menu").waitFor({ timeout: 15_000 });
  return list;
}

it("a county officer enrols TOTP by QR code and signs in again with a code", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: "zh-CN" });
  await signIn(page, server.url, "county");
  await page.getByTestId("nav-account").click();
  await page.getByTestId("account-page").waitFor();
  await expect.poll(() => page.getByTestId("session-table").textContent()).toContain("当前会话");
  await page.getByTestId("two-factor-start").click();
  expect(await page.getByTestId("totp-enrol").textContent()).toContain("绑定身份验证器");
  const codes = await enrol(page, "county", "two-factor-01-county");
  expect(codes).toHaveLength(10);
  await page.getByTestId("nav-account").click();
  await page.getByTestId("two-factor-on").waitFor();
  await screenshot(page, "two-factor-02-account");

  await page.getByTestId("logout").click();
  await passwordStep(page, "county");
  await page.getByTestId("login-second-step").waitFor({ timeout: 15_000 });
  await page.getByTestId("login-totp").fill("000000");
  await page.getByTestId("login-totp-submit").click();
  await expect
    .poll(() => page.getByTestId("login-error").textContent())
    .toContain("动态验证码或恢复码不正确");
  await screenshot(page, "two-factor-03-wrong-code");
  // A recovery code works instead of the phone's code.
  await page.getByTestId("login-totp").fill(codes[0]);
  await page.getByTestId("login-totp-submit").click();
  await page.getByTestId("user-menu").waitFor({ timeout: 15_000 });
  await page.close();
}, 120_000);

it("the security administrator resets the auditor's authenticator; the auditor must enrol again (phone width)", async () => {
  const desk = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: "zh-CN" });
  await signIn(desk, server.url, "security");
  await desk.getByTestId("nav-users").click();
  await desk.getByTestId("user-security-auditor").click();
  const drawer = desk.getByTestId("account-security");
  await drawer.getByTestId("security-reset-2fa").waitFor();
  await screenshot(desk, "two-factor-04-security-drawer");
  await drawer.getByTestId("security-reset-2fa").click();
  await desk.getByRole("button", { name: /确\s*定|OK/ }).click();
  await expect.poll(() => drawer.textContent(), { timeout: 15_000 }).toContain("未启用");
  await desk.close();

  const phone = await browser.newPage({
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    isMobile: true,
  });
  await passwordStep(phone, "auditor");
  await phone.waitForURL(/\/two-factor$/, { timeout: 15_000 });
  expect(await phone.getByTestId("totp-enrol").textContent()).toContain("必须启用双因素认证");
  const codes = await enrol(phone, "auditor", "two-factor-05-phone");
  expect(codes).toHaveLength(10);
  await phone.context().clearCookies();
  await passwordStep(phone, "auditor");
  await phone.getByTestId("login-second-step").waitFor({ timeout: 15_000 });
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(phone, "two-factor-06-phone-second-step");
  await phone.getByTestId("login-totp").fill(await totpCode("auditor", secretOf.auditor));
  await phone.getByTestId("login-totp-submit").click();
  await phone.getByTestId("user-menu").waitFor({ timeout: 15_000 });
  // 我的账号 on a phone: the avatar leads there; the auditor's sessions are listed.
  await phone.getByTestId("nav-account-icon").click();
  await phone.getByTestId("account-page").waitFor();
  await phone.getByTestId("two-factor-on").waitFor();
  await screenshot(phone, "two-factor-07-phone-account");
  await phone.close();
}, 150_000);
