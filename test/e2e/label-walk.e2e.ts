import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoAccounts } from "../../server/demo/demo-accounts";
import { demoPassword, type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * Every label Chinese and human (issue 11, item 5): signs in as EVERY demo role, opens every console page the
 * role can reach — the list is read from the console's router (web/src/app-router.tsx) and filtered by the
 * `nav` the server gives the role, so a new page is walked without touching this file — plus the detail page
 * of one real case, site, grid and delivery, the field app's screens (web/field/src/screens/index.ts) and the
 * public tip page. On each page (locale zh-CN) the visible text must hold no snake_case key and no English
 * word outside a short allowlist.
 */
let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface ConsoleRoute {
  path: string;
  /** The nav section the route needs (null: every signed-in user). */
  section: string | null;
}

/** The console's routes as the router declares them (children of "/"; sign-in pages left out). */
function consoleRoutes(source = fs.readFileSync("web/src/app-router.tsx", "utf8")): ConsoleRoute[] {
  const out: ConsoleRoute[] = [{ path: "/", section: null }];
  const re = /path:\s*"([^"]+)",\s*(?:\.\.\.sectionRoute\(\s*"([a-z_]+)"|lazy)/g;
  for (const m of source.matchAll(re)) {
    if (["/login", "/two-factor", "/change-password", "*", "/"].includes(m[1])) continue;
    out.push({ path: `/${m[1]}`, section: m[2] ?? null });
  }
  return out;
}

/** The field app's screens as registered (web/field/src/screens/index.ts). */
function fieldScreens(): string[] {
  const source = fs.readFileSync("web/field/src/screens/index.ts", "utf8");
  return [...source.matchAll(/path:\s*"([^"]*)"/g)].map((m) => m[1]);
}

const snakeCase = /\b[a-z]+(_[a-z0-9]+)+\b/g;
/** Latin words of three letters or more (codes such as USCCs are glued to digits and do not match). */
const latinWord = /(?<![\w.@/-])[A-Za-z]{3,}(?![\w@/-])/g;
/**
 * Words that are not English text to translate: the product's name, units and formats, and names of
 * standards and file types a Chinese user reads as they are.
 */
const allowedWords = new Set([
  "SafeGrid",
  "TOTP", // 动态验证码 (the app type users install is named so)
  "USCC",
  "GB", // GB/T standard names
  "API",
  "PDF",
  "CSV",
  "Excel",
  "WPS",
  "GeoJSON",
  "KML",
  "Shapefile",
  "GPS",
  "KTV",
  "Leaflet", // the map library's attribution
  "OpenStreetMap",
  "Open",
  "Shift", // a key on the keyboard (按住 Shift 多选)
  // the language switch: each language by its own name, and its label in both (语言 / Language), so a reader
  // of the other language finds it
  "English",
  "Language",
  "JPEG",
  "PNG",
  "https", // the scheme a callback address must start with (外部系统对接), typed as it is
  "CNG", // 压缩天然气 / 液化天然气: the names gas stations and the industry words use (CNG加气站)
  "LNG",
  "WebP",
  "HEIC",
  "JPG",
  "ZIP",
  "XLSX",
  "HTTPS",
  // sign-in names are what a person types at the login page (the watermark and the header show them)
  ...demoAccounts.map((a) => a.username),
]);
const findingsFile = "test-results/label-walk-findings.txt";

/** Visible text of the page's body (innerText skips hidden elements) and what in it is not Chinese. */
async function untranslated(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    // code cells (a code column for administrators) are shown as codes on purpose
    const parts: string[] = [];
    const walk = (el: Element) => {
      if (el instanceof HTMLElement && el.closest("code, [data-raw], .leaflet-control-attribution")) return;
      for (const child of el.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          const parent = child.parentElement;
          if (!parent) continue;
          const style = getComputedStyle(parent);
          if (style.visibility === "hidden" || style.display === "none") continue;
          const rect = parent.getBoundingClientRect();
          if (rect.width === 0 && rect.height === 0) continue;
          parts.push(child.textContent ?? "");
        } else if (child.nodeType === Node.ELEMENT_NODE) walk(child as Element);
      }
    };
    walk(document.body);
    // placeholders and titles a person reads too
    for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]"))
      parts.push((el as HTMLInputElement).placeholder);
    return parts.join("\n");
  });
  const found = new Set<string>();
  for (const m of text.matchAll(snakeCase)) found.add(m[0]);
  for (const m of text.matchAll(latinWord)) if (!allowedWords.has(m[0])) found.add(m[0]);
  return [...found];
}

async function settle(page: Page) {
  await page.waitForLoadState("networkidle", { timeout: 4000 }).catch(() => {});
  await page
    .waitForFunction(() => !document.querySelector(".ant-spin-spinning, .ant-skeleton-active"), null, {
      timeout: 8000,
    })
    .catch(() => {});
  await page.waitForTimeout(250);
}

const get = async (page: Page, path: string) => {
  const res = await page.request.get(`${server.url}/api/v1${path}`);
  return res.ok() ? ((await res.json()) as Record<string, unknown>) : null;
};
const firstId = (body: Record<string, unknown> | null) =>
  ((body?.items as { id: string }[] | undefined) ?? [])[0]?.id ?? null;

/** Fills a route's parameter with a real row the signed-in role can see (null: the role sees none). */
async function concrete(page: Page, route: string): Promise<string | null> {
  if (route === "/cases/:id") {
    // a closed case shows the whole trail (dispatch, handling, re-check, closure)
    const id =
      firstId(await get(page, "/cases?stage=closed&pageSize=1")) ??
      firstId(await get(page, "/cases?pageSize=1"));
    return id && `/cases/${id}`;
  }
  if (route === "/deliveries/:id") {
    const id = firstId(await get(page, "/deliveries?pageSize=1"));
    return id && `/deliveries/${id}`;
  }
  if (route.includes(":")) return null;
  return route;
}

/** Detail pages that are not routes of their own: a site's file and a grid on the map. */
async function detailPages(page: Page, nav: string[]): Promise<string[]> {
  const out: string[] = [];
  if (nav.includes("sites")) {
    const sites = (await get(page, "/sites?pageSize=50"))?.items as { id: string }[] | undefined;
    // a site with a case (its file shows the report and the closure)
    const cases = (await get(page, "/cases?stage=closed&pageSize=20"))?.items as
      | { siteId?: string | null }[]
      | undefined;
    const withCase = cases?.find((c) => c.siteId)?.siteId;
    const id = withCase ?? sites?.[0]?.id;
    if (id) out.push(`/sites?site=${id}${withCase ? "&closed=1" : ""}`);
  }
  if (nav.includes("grids")) {
    const id = firstId(await get(page, "/grids?pageSize=1"));
    if (id) out.push(`/grids?grid=${id}`);
  }
  return out;
}

// The whole walk takes ≈ 9–12 minutes: .ci/run runs it once, on SQLite (LABEL_WALK=1 in the SQLite browser
// step); by hand: LABEL_WALK=1 npx vitest run --config vitest.e2e.config.ts test/e2e/label-walk.e2e.ts
it.runIf(process.env.LABEL_WALK)(
  "every console page, as every demo role, shows Chinese labels and no raw keys",
  async () => {
    const routes = consoleRoutes();
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(["/", "/cases", "/cases/:id", "/sites"]),
    );
    const findings: string[] = [];
    fs.mkdirSync("test-results", { recursive: true });
    fs.writeFileSync(findingsFile, "");
    let walked = 0;
    // LABEL_WALK_ONLY=county,lead walks only those accounts (while fixing; the full walk is the test)
    const only = process.env.LABEL_WALK_ONLY?.split(",");
    for (const account of demoAccounts.filter((a) => !only || only.includes(a.username))) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
      const page = await context.newPage();
      try {
        await signIn(page, server.url, account.username);
        const me = await get(page, "/auth/me");
        const nav = (me?.nav as string[]) ?? [];
        const paths: string[] = [];
        for (const r of routes) {
          if (r.section && !nav.includes(r.section)) continue;
          const p = await concrete(page, r.path);
          if (p) paths.push(p);
        }
        paths.push(...(await detailPages(page, nav)));
        for (const p of paths) {
          await page.goto(`${server.url}${p}`);
          await settle(page);
          const check = async (where: string) => {
            const bad = await untranslated(page);
            walked++;
            if (bad.length) {
              findings.push(`${account.username} ${where}: ${bad.join(", ")}`);
              fs.appendFileSync(findingsFile, `${findings.at(-1)}\n`);
              await screenshot(
                page,
                `screenshots/label-walk-${account.username}-${where.replace(/\W+/g, "_")}`,
              );
            }
          };
          if (p === "/case-categories")
            // category codes are for the system administrator only, in a column labelled 代码
            expect(
              await page.locator("[data-testid=category-table] [data-testid=category-code]").count(),
              account.username,
            ).toBe(
              account.role === "system_admin"
                ? await page.locator("[data-testid=category-table] tbody tr[data-code]").count()
                : 0,
            );
          if (!p.startsWith("/sites?site=")) {
            await check(p);
            continue;
          }
          // a site's file is a drawer with tabs (details, assignment, file, patrols, checklists): each is read
          await page.getByTestId("site-drawer").waitFor({ timeout: 15_000 });
          const tabs = page.locator(".ant-drawer [role=tab]");
          for (let i = 0; i < (await tabs.count()); i++) {
            await tabs.nth(i).click();
            await page.waitForTimeout(300);
            await check(`${p} tab ${(await tabs.nth(i).innerText()).trim()}`);
          }
          if (p.endsWith("&closed=1")) {
            await page.locator(".ant-drawer [role=tab]", { hasText: "档案" }).first().click();
            // the site file shows its case's closure (recorded under the case) with a link to the case
            const closure = page.locator('[data-testid=site-event][data-action="case.closed"]').first();
            await closure.waitFor({ timeout: 10_000 });
            expect(await closure.getByTestId("site-event-link-case").getAttribute("href")).toMatch(
              /^\/cases\//,
            );
            if (account.username === "county") {
              await closure.scrollIntoViewIfNeeded();
              await screenshot(page, "screenshots/label-walk-site-file-1440");
            }
          }
        }
      } finally {
        await context.close();
      }
    }
    expect(walked).toBeGreaterThan(only ? 5 : 60);
    expect(findings).toEqual([]);
  },
  1_200_000,
);

it("the field app's screens and the public tip page show Chinese labels and no raw keys", async () => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    isMobile: true,
    hasTouch: true,
    serviceWorkers: "block",
  });
  const page = await context.newPage();
  const findings: string[] = [];
  try {
    await page.goto(`${server.url}/m/`);
    await page.getByTestId("field-username").fill("worker");
    await page.getByTestId("field-password").fill(demoPassword);
    await page.getByTestId("field-signin").click();
    await page.getByTestId("count-sites").waitFor({ timeout: 30_000 });
    const site = firstId(await get(page, "/sites?pageSize=1"));
    const delivery = firstId(await get(page, "/deliveries?pageSize=1"));
    const recheck = firstId(await get(page, "/cases?stage=awaiting_recheck&pageSize=1"));
    const fill: Record<string, string | null> = { ":id": null, ":code": "outreach" };
    for (const screen of fieldScreens()) {
      let path = screen;
      if (path.startsWith("sites/:id")) path = site ? path.replace(":id", site) : "";
      else if (path.startsWith("deliveries/:id")) path = delivery ? path.replace(":id", delivery) : "";
      else if (path.startsWith("rechecks/:id")) path = recheck ? path.replace(":id", recheck) : "";
      else if (path.includes(":code")) path = path.replace(":code", fill[":code"]!);
      if (path === "" && screen !== "") continue;
      await page.goto(`${server.url}/m/${path}`);
      await settle(page);
      const bad = await untranslated(page);
      if (bad.length) {
        findings.push(`/m/${path}: ${bad.join(", ")}`);
        await screenshot(page, `screenshots/label-walk-field-${path.replace(/\W+/g, "_") || "home"}`);
      }
    }
    await page.goto(`${server.url}/tip`);
    await settle(page);
    const bad = await untranslated(page);
    if (bad.length) findings.push(`/tip: ${bad.join(", ")}`);
    await screenshot(page, "screenshots/label-walk-tip-390");
  } finally {
    await context.close();
  }
  expect(findings).toEqual([]);
}, 300_000);

it("the pages whose labels were fixed, at 390×844 and 1440×900 (screenshots)", async () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    const context = await browser.newContext({ viewport, locale: "zh-CN", isMobile: viewport.width < 500 });
    const page = await context.newPage();
    try {
      await signIn(page, server.url, "county");
      const closed = (await get(page, "/cases?stage=closed&pageSize=50"))?.items as
        | { id: string; siteId: string | null; gridCode: string | null }[]
        | undefined;
      // a case at a site in a grid (its grid's name is checked below); the demo's newest closed cases differ
      // by the day it was made, and one at a site outside every grid shows "—" (PostgreSQL CI run)
      const kase = closed?.find((c) => c.siteId && c.gridCode);
      expect(kase).toBeDefined();
      const shots: [string, string][] = [
        ["categories", "/case-categories"],
        ["routing", "/routing"],
        ["task-kinds", "/task-kinds"],
        ["case", `/cases/${kase!.id}`],
        ["site-assignment", `/sites?site=${kase!.siteId}`],
        ["site-file", `/sites?site=${kase!.siteId}`],
      ];
      for (const [name, p] of shots) {
        await page.goto(`${server.url}${p}`);
        await settle(page);
        if (name === "site-assignment" || name === "site-file") {
          await page.getByTestId("site-drawer").waitFor({ timeout: 15_000 });
          const tab = name === "site-file" ? "档案" : "监管责任";
          await page.locator(".ant-drawer [role=tab]", { hasText: tab }).first().click();
          await page.waitForTimeout(400);
        }
        if (name === "case") expect(await page.getByTestId("case-grid").innerText()).toMatch(/网格/);
        expect(await untranslated(page), `${name} ${viewport.width}`).toEqual([]);
        await screenshot(page, `screenshots/labels-${name}-${viewport.width}`);
      }
    } finally {
      await context.close();
    }
  }
}, 300_000);
