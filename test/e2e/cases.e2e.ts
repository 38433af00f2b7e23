import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type Api,
  act,
  apiAs,
  choose,
  coordinate,
  findInQueue,
  pageAs as open,
  png,
  settled,
  stageOf,
} from "./case-e2e-kit";
import { type E2eServer, launchBrowser, screenshot, startServer } from "./e2e-harness";

/**
 * One case from report to close through the console, each step by the right person: the grid worker
 * reports it at a site with a photo, the lead department triages and dispatches it, the market
 * department accepts it and feeds back with a photo, the township station re-checks it on site, the lead
 * department closes it; a stale page gets 409 with the allowed actions; the reporter finds it in the inbox.
 */
/** Five people sign in and a dozen dialogs run; on a busy machine that exceeds the default 120 s. */
const walkTimeout = 300_000;
let server: E2eServer;
let browser: Browser;
let worker: Api;
let siteId: string;
const site = { name: "E2E 兴隆小吃店", lon: 104.113, lat: 35.847 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  worker = await apiAs(server.url, "worker");
  const me = await worker<{ user: { scope: string[] } }>("GET", "/auth/me");
  const created = await worker<{ id: string }>("POST", "/sites", {
    name: site.name,
    kind: "small_shop",
    regionCode: me.user.scope[0],
    address: "城关镇兴隆路 18 号",
    lon: site.lon,
    lat: site.lat,
  });
  siteId = created.id;
}, walkTimeout);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, walkTimeout);

it(
  "walks one case from report to close with the right people",
  async () => {
    // 1. the grid worker reports it at the site, with a photo; a double click makes one case only
    const w = await open(browser, server.url, "worker");
    await w.getByTestId("nav-cases").click();
    await w.getByTestId("case-table").waitFor();
    await w.getByTestId("case-report").click();
    await choose(w, "report-category", "城镇燃气");
    await choose(w, "report-site", "兴隆小吃店");
    await w.getByTestId("report-description").fill("后厨液化气钢瓶放在地下室，无报警装置，软管老化开裂");
    await w
      .getByTestId("report-evidence")
      .locator("input[type=file]")
      .setInputFiles({
        name: "现场照片.png",
        mimeType: "image/png",
        buffer: png(96, 72, 10),
      });
    await expect.poll(() => w.getByTestId("report-evidence").textContent()).toContain("SHA-256");
    await screenshot(w, "cases-01-report-form");
    await w.getByTestId("report-submit").dblclick();
    await w.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const caseUrl = w.url();
    expect(await stageOf(w)).toBe("reported");
    const number = (await w.getByTestId("case-number").textContent())?.trim() ?? "";
    expect(number).toMatch(/^620123-\d{4}-\d{6}$/);
    const atSite = await worker<{ total: number }>("GET", `/cases?siteId=${siteId}`);
    expect(atSite.total).toBe(1);
    await expect.poll(() => w.getByTestId("case-no-actions").count()).toBe(1);
    await screenshot(w, "cases-02-reported");

    // 2. the lead department finds it in 待受理, triages it and dispatches it to the market department
    const lead = await open(browser, server.url, "lead");
    await lead.getByTestId("nav-cases").click();
    await lead.getByTestId("queue-to_triage").waitFor();
    await lead.getByTestId("case-table").locator("[data-deadline-state]").first().waitFor();
    await screenshot(lead, "cases-03-lead-queue");
    await findInQueue(lead, number);
    await lead.getByTestId("case-table").getByText(number).click();
    await lead.getByTestId("case-header").waitFor();
    await act(lead, "triage");
    await expect.poll(() => stageOf(lead)).toBe("triaged");
    await act(lead, "dispatch", async () => {
      await choose(lead, "action-department", "市场监督管理局");
    });
    await expect.poll(() => stageOf(lead)).toBe("dispatched");
    await screenshot(lead, "cases-04-dispatched");

    // 3. the market department accepts it (签收), fixes it and feeds back with a photo and its location
    const market = await open(browser, server.url, "market");
    await market.goto(caseUrl);
    await act(market, "accept");
    await expect.poll(() => stageOf(market)).toBe("handling");
    await act(market, "feedback", async (dialog) => {
      await dialog.getByTestId("action-note").fill("已将钢瓶移至通风的地面专用间，更换软管并安装燃气报警器");
      await dialog.locator("input[type=file]").setInputFiles({
        name: "整改后.png",
        mimeType: "image/png",
        buffer: png(96, 72, 90),
      });
      await expect.poll(() => dialog.textContent()).toContain("SHA-256");
      await dialog
        .locator("input[data-testid=location-lng], [data-testid=location-lng] input")
        .fill("104.1131");
      await coordinate(dialog, "lat").fill("35.8471");
    });
    await expect.poll(() => stageOf(market)).toBe("awaiting_recheck");
    expect(await market.getByTestId("case-no-actions").count()).toBe(1);
    await screenshot(market, "cases-05-fed-back");

    // 4. the township station (not the handler) re-checks on site and passes it
    const station = await open(browser, server.url, "station");
    await station.getByTestId("nav-cases").click();
    await station.getByTestId("queue-to_recheck").click();
    await findInQueue(station, number);
    await station.getByTestId("case-table").getByText(number).click();
    await act(station, "recheck", async (dialog) => {
      await dialog.getByTestId("action-note").fill("现场复查：钢瓶已移出地下室，报警器工作正常");
      await dialog
        .locator("input[data-testid=location-lng], [data-testid=location-lng] input")
        .fill("104.1129");
      await coordinate(dialog, "lat").fill("35.8469");
    });
    await expect.poll(() => stageOf(station)).toBe("rechecked");
    await screenshot(station, "cases-06-rechecked");

    // 5. the lead department closes it; a second, stale page of the same case gets 409 with what is allowed
    const stale = await open(browser, server.url, "lead");
    await stale.goto(caseUrl);
    await stale.getByTestId("action-close").waitFor();
    await lead.reload();
    await act(lead, "close");
    await expect.poll(() => stageOf(lead)).toBe("closed");
    const timeline = lead.getByTestId("case-timeline");
    // The timeline is fetched apart from the case: it may show the close a moment after the stage.
    await expect
      .poll(() =>
        timeline
          .getByTestId("timeline-item")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-action"))),
      )
      .toEqual([
        "case.reported",
        "case.triaged",
        "case.dispatched",
        "case.accepted",
        "case.fed_back",
        "case.rechecked",
        "case.closed",
      ]);
    expect(await timeline.getByTestId("evidence-hash").count()).toBe(2);
    await screenshot(lead, "cases-07-closed");
    await lead.getByRole("tab", { name: /证据材料/ }).click();
    await lead.getByTestId("case-evidence").locator("img").first().waitFor();
    await screenshot(lead, "cases-07b-evidence");
    await lead.getByTestId("tab-notifications").click();
    const notices = lead.getByTestId("case-notifications");
    await notices.getByText("站内消息").first().waitFor();
    await screenshot(lead, "cases-07c-notifications");

    await stale.getByTestId("action-close").click();
    await settled(stale);
    await stale.getByTestId("action-submit").click();
    const error = stale.getByTestId("action-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("不允许此操作");
    expect(await error.textContent()).toContain("重新打开");
    await screenshot(stale, "cases-08-stale-409");

    // 6. the reporter is told in the inbox
    await w.goto(`${server.url}/inbox`);
    await w.getByTestId("inbox-list").getByText(number).first().waitFor();
    await screenshot(w, "cases-09-inbox");
    for (const p of [w, lead, market, station, stale]) await p.close();
  },
  walkTimeout,
);

/** Reports a case at the E2E site through the API and returns its id and number. */
async function reportAtSite(type: string, category: string, description: string) {
  const res = await worker<{ case: { id: string; number: string } }>("POST", "/cases", {
    source: "grid_worker",
    type,
    category,
    description,
    siteId,
    idempotencyKey: randomUUID(),
  });
  return res.case;
}

it(
  "dispatches triaged cases in bulk and exports the queue to .xlsx",
  async () => {
    const lead = await apiAs(server.url, "lead");
    const cases = [
      await reportAtSite("general_hazard", "special_equipment", "店内压力锅无合格证，安全阀锈死"),
      await reportAtSite("violation", "three_smalls", "二楼住人，人员住宿与经营场所未分隔"),
    ];
    for (const c of cases)
      await lead("POST", `/cases/${c.id}/triage`, { type: "general_hazard", category: "three_smalls" });

    const page = await open(browser, server.url, "lead");
    await page.goto(`${server.url}/cases?queue=to_triage&siteId=${siteId}`);
    const table = page.getByTestId("case-table");
    for (const c of cases)
      await table.locator("tr", { hasText: c.number }).locator("input[type=checkbox]").check();
    await page.getByTestId("bulk-dispatch").click();
    await choose(page, "bulk-department", "市场监督管理局");
    await screenshot(page, "cases-10-bulk-dispatch");
    await page.getByTestId("bulk-submit").click();
    await page.getByTestId("bulk-dispatch-dialog").waitFor({ state: "hidden" });
    for (const c of cases) {
      const detail = await lead<{ case: { stage: string; ownerDepartmentName: string } }>(
        "GET",
        `/cases/${c.id}`,
      );
      expect(detail.case.stage).toBe("dispatched");
      expect(detail.case.ownerDepartmentName).toContain("市场监督管理局");
    }

    await page.getByTestId("queue-all").click();
    await table.getByText(cases[0].number).waitFor();
    await screenshot(page, "cases-11-site-cases");
    // the export holds personal data (R21): the reason is asked first
    await page.getByTestId("case-export").click();
    await page.getByTestId("export-reason").fill("核对本县派送给市场监管局的案件");
    await settled(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-reason-ok").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const cells = book.worksheets[0].getSheetValues().flat().map(String).join(" ");
    for (const c of cases) expect(cells).toContain(c.number);

    // the overdue queue: every row's deadline is marked overdue (red)
    await page.goto(`${server.url}/cases?queue=overdue`);
    await table.locator("[data-deadline-state]").first().waitFor();
    const states = await table
      .locator("[data-deadline-state]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-deadline-state")));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(["overdue"]));
    await screenshot(page, "cases-15-overdue-queue");
    await page.close();
  },
  walkTimeout,
);

it(
  "takes a major hazard's six-item plan and lists it for supervision",
  async () => {
    const lead = await apiAs(server.url, "lead");
    const market = await apiAs(server.url, "market");
    const kase = await reportAtSite("major_hazard", "gas", "燃气管道穿越地下室且无泄漏报警，属重大事故隐患");
    const departments = await lead<{ items: { id: string; kind: string }[] }>(
      "GET",
      "/departments?region=620123",
    );
    const marketId = departments.items.find((d) => d.kind === "market")?.id;
    await lead("POST", `/cases/${kase.id}/triage`, { type: "major_hazard", category: "gas" });
    await lead("POST", `/cases/${kase.id}/dispatch`, { departmentId: marketId });
    await market("POST", `/cases/${kase.id}/accept`, {});

    const page = await open(browser, server.url, "market");
    await page.goto(`${server.url}/cases/${kase.id}`);
    await page.getByTestId("case-header").getByText("挂牌督办").waitFor();
    expect(await page.getByTestId("action-feedback").count()).toBe(0);
    await page.getByTestId("action-submit_plan").click();
    const dialog = page.getByTestId("action-dialog-submit_plan");
    const plan = {
      objectives: "消除燃气管道穿越地下室的重大隐患",
      measures: "改线至室外明装，加装可燃气体报警与紧急切断阀",
      fundsMaterials: "经营者自筹 3.2 万元，材料由燃气公司供应",
      responsiblePeople: "经营者王某负责，燃气公司李工现场指导",
    };
    for (const [item, text] of Object.entries(plan)) await dialog.getByTestId(`plan-${item}`).fill(text);
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByTestId("plan-timeLimit").fill(due);
    await dialog.getByTestId("plan-timeLimit").press("Enter");
    await settled(page);
    await page.getByTestId("action-submit").click();
    // the field's label is there from the start: wait for the server's answer to put the error on the form
    await dialog.locator(".ant-form-item-explain-error").first().waitFor();
    const errors = await dialog.locator(".ant-form-item-explain-error").allTextContents();
    expect(errors.join(" ")).toContain("安全措施和应急预案");
    await screenshot(page, "cases-12-plan-missing-item");
    await dialog
      .getByTestId("plan-safetyMeasures")
      .fill("施工期间停气、设警戒区，配灭火器 4 具，制定泄漏应急处置卡");
    await settled(page);
    await page.getByTestId("action-submit").click();
    await dialog.waitFor({ state: "detached" });
    await page.getByTestId("case-info").getByText("治理方案").waitFor();
    await page.getByTestId("action-feedback").waitFor();
    await screenshot(page, "cases-13-major-plan");

    await page.getByTestId("language-toggle").getByText("EN").click();
    await page.getByTestId("case-info").getByText("Remediation plan").waitFor();
    await screenshot(page, "cases-14-english");
    await page.getByTestId("language-toggle").getByText("中文").click();
    await page.close();
  },
  walkTimeout,
);

it(
  "reports at a point marked on the map when there is no site, checking input first",
  async () => {
    const page = await open(browser, server.url, "committee");
    await page.goto(`${server.url}/cases/new`);
    await page.getByTestId("report-where").getByText("标注位置").click();
    await page.getByTestId("report-submit").click();
    const form = page.getByTestId("report-form");
    await form.locator(".ant-form-item-explain-error").first().waitFor();
    const errors = (await form.locator(".ant-form-item-explain-error").allTextContents()).join(" ");
    expect(errors).toContain("问题描述");
    expect(errors).toContain("请在地图上点击标注位置");
    expect(errors).toContain("请选择行业类别");
    await screenshot(page, "cases-16-report-checks");

    await choose(page, "report-category", "自建房");
    await page.getByTestId("report-description").fill("村民自建房加建第四层，墙体出现贯穿裂缝");
    await page.getByTestId("report-map").click({ position: { x: 200, y: 120 } });
    await page.getByTestId("report-submit").click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    expect(await stageOf(page)).toBe("reported");
    expect(await page.getByTestId("case-info").textContent()).toContain("村/居委会上报");
    await page.getByTestId("case-map").waitFor();
    await screenshot(page, "cases-17-reported-at-point");
    await page.close();
  },
  walkTimeout,
);
