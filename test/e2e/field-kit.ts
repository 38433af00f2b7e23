import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { png } from "./case-e2e-kit";
import { apiSignIn, demoPassword, type E2eServer, shotsDir } from "./e2e-harness";

/** Helpers of the field app's browser tests (test/e2e/field-*.e2e.ts): a phone, sign-in, a report, the API. */

export const phoneViewport = { width: 390, height: 844 };
/** Near the demo grid worker's village (兴隆路社区, 榆中县). */
export const demoPosition = { latitude: 35.7887, longitude: 104.1549 };

export async function newPhone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: phoneViewport,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    geolocation: demoPosition,
    permissions: ["geolocation"],
  });
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `field-${name}.png`), fullPage: true });
}

/** Signs in on /m and waits for the work set (my sites) and the service worker's cache. */
export async function fieldSignIn(page: Page, url: string, username = "worker") {
  await page.goto(`${url}/m/`);
  await page.getByTestId("field-username").fill(username);
  await page.getByTestId("field-password").fill(demoPassword);
  await page.getByTestId("field-signin").click();
  await page.getByTestId("count-sites").waitFor({ timeout: 30_000 });
  await expect.poll(() => page.getByTestId("count-sites").innerText(), { timeout: 30_000 }).not.toMatch(/^0/);
  await waitForOfflineShell(page);
}

/** The service worker is active and has the app shell in its cache. */
export async function waitForOfflineShell(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100; i++) {
      const keys = await caches.keys();
      if (keys.length && (await (await caches.open(keys[0])).match("/m/"))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("service worker cache not ready");
  });
}

/** A photo as a phone would take it (3000×2000, larger than the 1600 px the app keeps). */
export function photo(seed: number) {
  return { name: `IMG_${seed}.png`, mimeType: "image/png", buffer: png(3000, 2000, seed) };
}

/** Fills and submits the report form (already open). */
export async function fillReport(
  page: Page,
  opts: { description: string; photos: number; seed: number; site?: boolean; category?: string },
) {
  await page.getByTestId("report-category").selectOption(opts.category ?? "fire");
  await page.getByTestId("report-type-general_hazard").click();
  if (opts.photos) {
    await page
      .getByTestId("report-photos-file")
      .setInputFiles(Array.from({ length: opts.photos }, (_, i) => photo(opts.seed + i)));
    await expect.poll(() => page.locator(".thumb img").count(), { timeout: 30_000 }).toBe(opts.photos);
  }
  if (opts.site === false) {
    await page.getByTestId("report-locate").click();
    await expect.poll(() => page.locator(".field-hint").first().innerText()).toBeTruthy();
  }
  await page.getByTestId("report-description").fill(opts.description);
}

export interface CaseSeen {
  id: string;
  number: string;
  evidence: number;
  siteId: string | null;
}

/** The cases whose description contains `text`, as the county office sees them through the API. */
export async function casesWith(server: E2eServer, token: string, text: string): Promise<CaseSeen[]> {
  const res = await fetch(`${server.url}/api/v1/cases?pageSize=50&q=${encodeURIComponent(text)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const list = (await res.json()) as { items: { id: string; number: string; description: string }[] };
  const out: CaseSeen[] = [];
  for (const item of list.items.filter((c) => c.description.includes(text))) {
    const detail = (await (
      await fetch(`${server.url}/api/v1/cases/${item.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { case: { siteId: string | null }; evidence: unknown[] };
    out.push({
      id: item.id,
      number: item.number,
      evidence: detail.evidence.length,
      siteId: detail.case.siteId,
    });
  }
  return out;
}

export const countyToken = (server: E2eServer) => apiSignIn(server.url, "county");

/** Items of the outbox by status, read from IndexedDB through the page's own module. */
export async function outboxStatuses(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const field = (window as unknown as { safegridField: { listOutbox(): Promise<{ status: string }[]> } })
      .safegridField;
    return (await field.listOutbox()).map((i) => i.status);
  });
}
