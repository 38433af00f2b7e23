import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  act,
  apiAs,
  choose,
  closed,
  coordinate,
  pageAs as open,
  png,
  settled,
  stageOf,
} from "./case-e2e-kit";
import {
  changeInitialPassword,
  demoPassword,
  type E2eServer,
  launchBrowser,
  screenshot,
  startServer,
} from "./e2e-harness";

const initialPassword = "Initial-E2e-Pass-2026";

/**
 * The side paths of the closed loop, each through the console by the person who takes it: a department
 * returns a case ("not our remit") and the lead department re-dispatches it to the next department
 * suggested; a department accepts naming a colleague as handler and forwards the case to another
 * department, which accepts it; the lead department rejects (a reason is required) and merges a duplicate;
 * the county office denies and approves parking (挂账) and the department resumes; a failed re-check sends
 * the case back to handling as rework, and the reporter reopens a closed case. On every page the test
 * checks which action buttons the signed-in person has.
 */
const walkTimeout = 300_000;
let server: E2eServer;
let browser: Browser;
const site = { name: "E2E 惠民便利店", lon: 104.121, lat: 35.852 };
const names = { market: "市场监管局 钱科员", market2: "市场监管局 孙科员", housing: "住建局 陈科员" };
let ids: { market: string; housing: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const worker = await apiAs(server.url, "worker");
  const me = await worker<{ user: { scope: string[] } }>("GET", "/auth/me");
  await worker("POST", "/sites", {
    name: site.name,
    kind: "small_shop",
    regionCode: me.user.scope[0],
    address: "城关镇惠民路 6 号",
    lon: site.lon,
    lat: site.lat,
  });
  // The demo has one account per role: the county office adds a second market officer and a housing officer.
  const county = await apiAs(server.url, "county");
  const deps = await county<{ items: { id: string; kind: string }[] }>("GET", "/departments?region=620123");
  const dept = (kind: string) => deps.items.find((d) => d.kind === kind)?.id ?? "";
  ids = { market: dept("market"), housing: dept("housing") };
  for (const [username, displayName, departmentId] of [
    ["market2", names.market2, ids.market],
    ["housing", names.housing, ids.housing],
  ])
    await county("POST", "/users", {
      username,
      displayName,
      role: "cooperating_department",
      scope: ["620123"],
      departmentId,
      password: initialPassword,
    });
  // Created by another person: each chooses their own password at the first sign-in (here: the demo one).
  for (const username of ["market2", "housing"])
    await changeInitialPassword(server.url, username, initialPassword, demoPassword);
}, walkTimeout);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, walkTimeout);

/** The action buttons the case page offers the signed-in person, sorted (empty when it says "no actions"). */
async function buttons(page: Page): Promise<string[]> {
  await page.locator("[data-testid=case-actions], [data-testid=case-no-actions]").first().waitFor();
  return (
    await page
      .getByTestId("case-actions")
      .locator("button[data-testid^=action-]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")?.slice("action-".length) ?? ""))
  ).sort();
}

/** Waits until the page offers exactly these actions. */
const offers = (page: Page, actions: string[]) =>
  expect.poll(() => buttons(page), { timeout: 15_000 }).toEqual([...actions].sort());

/** The trail on the case page, oldest first, as event names. */
const trail = (page: Page) =>
  page
    .getByTestId("case-timeline")
    .getByTestId("timeline-item")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));

/** The last timeline entry (its text). */
const lastEntry = (page: Page) => page.getByTestId("timeline-item").last();

/** Whether a work queue of the signed-in person lists the case (searched by number). */
async function inQueue(page: Page, queue: string, number: string): Promise<boolean> {
  await page.goto(`${server.url}/cases?queue=${queue}&q=${encodeURIComponent(number)}`);
  await page.getByTestId(`queue-${queue}`).waitFor();
  const table = page.getByTestId("case-table");
  await table.locator(".ant-table-row, .ant-table-placeholder").first().waitFor();
  // the queue counts and then the rows load: wait until the table is settled twice in a row
  for (let i = 0; i < 2; i++) {
    await expect.poll(() => table.locator("[aria-busy=true]").count()).toBe(0);
    await page.waitForTimeout(300);
  }
  return (await table.locator(".ant-table-row", { hasText: number }).count()) > 0;
}

/** Opens a case from a work queue by its number. */
async function openFromQueue(page: Page, queue: string, number: string) {
  expect(await inQueue(page, queue, number)).toBe(true);
  await page.getByTestId("case-table").getByText(number).click();
  await page.getByTestId("case-header").waitFor();
}

/** The grid worker reports a case at the E2E site through the report form; returns its page URL and number. */
async function report(page: Page, category: string, description: string) {
  await page.goto(`${server.url}/cases/new`);
  await choose(page, "report-category", category);
  await choose(page, "report-site", site.name.slice(4));
  await page.getByTestId("report-description").fill(description);
  await page.getByTestId("report-submit").click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  expect(await stageOf(page)).toBe("reported");
  const number = (await page.getByTestId("case-number").textContent())?.trim() ?? "";
  return { url: page.url(), number };
}

/** Clicks an action, submits the dialog as it is and returns the validation messages it shows. */
async function refused(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByTestId(`action-dialog-${action}`);
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await settled(page);
  await page.getByTestId("action-submit").click();
  await dialog.locator(".ant-form-item-explain-error").first().waitFor();
  return {
    dialog,
    errors: (await dialog.locator(".ant-form-item-explain-error").allTextContents()).join(" "),
  };
}

const reason = (text: string) => async (dialog: Locator) => {
  await dialog.getByTestId("action-reason").fill(text);
};

it(
  "returns a case as not our remit; the lead re-dispatches it to the next department suggested",
  async () => {
    const w = await open(browser, server.url, "worker");
    const kase = await report(w, "城镇燃气", "便利店门口燃气调压箱锈蚀，箱门无法关闭");
    await expect.poll(() => buttons(w)).toEqual([]);

    // the lead department triages and dispatches to the site's regulator (the suggestion)
    const lead = await open(browser, server.url, "lead");
    await openFromQueue(lead, "to_triage", kase.number);
    await offers(lead, ["merge", "reject", "triage"]);
    await expect.poll(() => lead.getByTestId("case-info").textContent()).toContain("市场监督管理局");
    await act(lead, "triage");
    await expect.poll(() => stageOf(lead)).toBe("triaged");
    await offers(lead, ["dispatch", "merge", "reject", "triage"]);
    await act(lead, "dispatch", async (dialog) => {
      await expect
        .poll(() => dialog.getByTestId("action-department").textContent())
        .toContain("市场监督管理局");
    });
    await expect.poll(() => stageOf(lead)).toBe("dispatched");
    await offers(lead, []);

    // the market department finds it to accept, and returns it: a reason is required
    const market = await open(browser, server.url, "market");
    await openFromQueue(market, "to_accept", kase.number);
    await offers(market, ["accept", "forward", "return"]);
    const empty = await refused(market, "return");
    expect(empty.errors).toContain("退回原因");
    expect(await empty.dialog.locator("label").first().textContent()).toBe("退回原因");
    expect(await stageOf(market)).toBe("dispatched");
    await screenshot(market, "case-paths-01-return-needs-reason");
    await empty.dialog.getByTestId("action-reason").fill("燃气调压设施由住建部门监管，不属于市场监管职责");
    await settled(market);
    await market.getByTestId("action-submit").click();
    await closed(market, empty.dialog);
    // the case has left the department's hands: the page says where it went (not "not found")
    const gone = market.getByTestId("case-handed-over");
    await gone.waitFor();
    expect(await gone.textContent()).toContain(`退回完成：${kase.number}`);
    expect(await gone.textContent()).toContain("榆中县应急管理局");
    await screenshot(market, "case-paths-02-returned-by-market");
    expect(await inQueue(market, "to_accept", kase.number)).toBe(false);

    // back in the lead's triage queue, marked as returned, with the next department suggested
    expect(await inQueue(lead, "to_triage", kase.number)).toBe(true);
    const row = lead.getByTestId("case-table").locator(".ant-table-row", { hasText: kase.number });
    expect(await row.textContent()).toContain("退回 1 次");
    await row.getByText(kase.number).click();
    await expect.poll(() => stageOf(lead)).toBe("triaged");
    await expect
      .poll(() => trail(lead))
      .toEqual(["case.reported", "case.triaged", "case.dispatched", "case.returned"]);
    await expect.poll(() => lastEntry(lead).textContent()).toContain("不属于市场监管职责");
    await expect.poll(() => lastEntry(lead).textContent()).toContain("建议承办部门：榆中县住房和城乡建设局");
    const dispatched = lead.locator("[data-testid=timeline-item][data-action='case.dispatched']");
    expect(await dispatched.textContent()).toContain("交办至：榆中县市场监督管理局");
    const info = lead.getByTestId("case-info");
    await expect.poll(() => info.textContent()).toContain("住房和城乡建设局");
    expect(await info.textContent()).not.toContain("市场监督管理局（");
    await offers(lead, ["dispatch", "merge", "reject", "triage"]);
    await screenshot(lead, "case-paths-03-back-to-triage");
    await act(lead, "dispatch", async (dialog) => {
      // the suggested department is chosen; its name shows once the county's departments are loaded
      await expect
        .poll(() => dialog.getByTestId("action-department").textContent())
        .toContain("住房和城乡建设局");
    });
    await expect.poll(() => stageOf(lead)).toBe("dispatched");
    expect(await lead.getByTestId("case-header").textContent()).toContain("住房和城乡建设局");

    // the housing department accepts it
    const housing = await open(browser, server.url, "housing");
    await openFromQueue(housing, "to_accept", kase.number);
    await offers(housing, ["accept", "forward", "return"]);
    await act(housing, "accept");
    await expect.poll(() => stageOf(housing)).toBe("handling");
    expect(await housing.getByTestId("case-info").textContent()).toContain(names.housing);
    await screenshot(housing, "case-paths-04-accepted-after-return");
    for (const p of [w, lead, market, housing]) await p.close();
  },
  walkTimeout,
);

it(
  "accepts naming a colleague as handler, then forwards to another department, which accepts",
  async () => {
    const w = await open(browser, server.url, "worker");
    const kase = await report(w, "特种设备", "便利店内使用的燃气热水器无检验标志，排烟管脱落");
    const lead = await open(browser, server.url, "lead");
    await lead.goto(kase.url);
    await act(lead, "triage");
    await act(lead, "dispatch");
    await expect.poll(() => stageOf(lead)).toBe("dispatched");

    // the market department accepts and names a colleague as handler (the signed-in person by default)
    const market = await open(browser, server.url, "market");
    await market.goto(kase.url);
    await market.getByTestId("action-accept").click();
    const dialog = market.getByTestId("action-dialog-accept");
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByTestId("action-handler").textContent())
      .toContain(`${names.market}（本人）`);
    // Open the list once the dialog has stopped zooming in, as a person would (the list is placed at open).
    await market.waitForFunction(() =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== "running" || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    );
    await dialog.getByTestId("action-handler").click();
    const options = market.locator(".ant-select-dropdown:visible .ant-select-item-option");
    await expect
      .poll(() => options.allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining(names.market),
          expect.stringContaining(names.market2),
        ]),
      );
    expect((await options.allTextContents()).join(" ")).not.toContain(names.housing);
    await screenshot(market, "case-paths-05-accept-with-handler");
    await market.keyboard.press("Escape");
    await choose(market, "action-handler", "孙科员");
    await settled(market);
    await market.getByTestId("action-submit").click();
    await closed(market, dialog);
    await expect.poll(() => stageOf(market)).toBe("handling");
    await expect.poll(() => market.getByTestId("case-handler").textContent()).toContain(names.market2);
    expect(await market.getByTestId("case-info").textContent()).toContain(names.market2);
    await expect.poll(() => lastEntry(market).textContent()).toContain(names.market2);
    await offers(market, ["feedback", "forward", "request_park", "return"]);
    await screenshot(market, "case-paths-06-handler-shown");

    // it forwards the case to the housing department with a reason (its own department is not offered)
    await market.getByTestId("action-forward").click();
    const fwd = market.getByTestId("action-dialog-forward");
    await fwd.waitFor();
    await fwd.getByTestId("action-department").click();
    const offered = await market
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .allTextContents();
    expect(offered.join(" ")).not.toContain("市场监督管理局");
    await market.keyboard.press("Escape");
    await choose(market, "action-department", "住房和城乡建设局");
    await fwd.getByTestId("action-reason").fill("热水器燃气管线属住建部门监管，转住建局处理");
    await screenshot(market, "case-paths-07-forward");
    await settled(market);
    await market.getByTestId("action-submit").click();
    await closed(market, fwd);
    await market.getByTestId("case-handed-over").getByText("榆中县住房和城乡建设局").waitFor();
    expect(await inQueue(market, "to_handle", kase.number)).toBe(false);

    // the housing department finds it to accept and accepts it; the trail shows the forward
    const housing = await open(browser, server.url, "housing");
    await openFromQueue(housing, "to_accept", kase.number);
    expect(await stageOf(housing)).toBe("dispatched");
    await expect.poll(() => lastEntry(housing).textContent()).toContain("转住建局处理");
    await expect.poll(() => lastEntry(housing).textContent()).toContain("交办至：榆中县住房和城乡建设局");
    await act(housing, "accept");
    await expect.poll(() => stageOf(housing)).toBe("handling");
    await expect.poll(() => housing.getByTestId("case-handler").textContent()).toContain(names.housing);
    await expect
      .poll(() => trail(housing))
      .toEqual([
        "case.reported",
        "case.triaged",
        "case.dispatched",
        "case.accepted",
        "case.forwarded",
        "case.accepted",
      ]);
    await screenshot(housing, "case-paths-08-forwarded-accepted");
    for (const p of [w, lead, market, housing]) await p.close();
  },
  walkTimeout,
);

it(
  "rejects at triage only with a reason",
  async () => {
    const w = await open(browser, server.url, "worker");
    const kase = await report(w, "三小场所", "测试上报：便利店门口堆放纸箱，已自行清理");
    const lead = await open(browser, server.url, "lead");
    await openFromQueue(lead, "to_triage", kase.number);
    const empty = await refused(lead, "reject");
    expect(empty.errors).toContain("不予受理原因");
    await screenshot(lead, "case-paths-09-reject-needs-reason");
    await lead.getByRole("button", { name: /取\s*消/ }).click();
    await empty.dialog.waitFor({ state: "detached" });
    expect(await stageOf(lead)).toBe("reported");
    await expect.poll(() => trail(lead)).toEqual(["case.reported"]);

    await act(lead, "reject", reason("已现场核实，纸箱已清理，不构成隐患"));
    await expect.poll(() => stageOf(lead)).toBe("rejected");
    await offers(lead, []);
    expect(await lead.getByTestId("case-info").textContent()).toContain("纸箱已清理");
    expect(await inQueue(lead, "to_triage", kase.number)).toBe(false);

    // the reporter sees why, and has nothing to do on a rejected case
    await w.goto(kase.url);
    await expect.poll(() => stageOf(w)).toBe("rejected");
    expect(await w.getByTestId("case-info").textContent()).toContain("纸箱已清理");
    await offers(w, []);
    await screenshot(w, "case-paths-10-rejected-reporter");
    for (const p of [w, lead]) await p.close();
  },
  walkTimeout,
);

it(
  "merges a duplicate into the open case suggested",
  async () => {
    const w = await open(browser, server.url, "worker");
    const main = await report(w, "消防安全", "便利店安全出口被货架堵塞，应急照明损坏");
    const dup = await report(w, "消防安全", "惠民便利店后门安全出口堵塞");
    const lead = await open(browser, server.url, "lead");
    await openFromQueue(lead, "to_triage", dup.number);
    await lead.getByTestId("action-merge").click();
    const dialog = lead.getByTestId("action-dialog-merge");
    await dialog.waitFor();
    // every open case at the site is a candidate; the one of the same category is first, marked suggested
    const candidates = dialog.locator(".ant-radio-wrapper");
    await candidates.first().waitFor();
    const suggested = candidates.first();
    expect(await suggested.textContent()).toContain(main.number);
    expect(await suggested.textContent()).toContain("建议并入");
    expect(await suggested.textContent()).toContain("同一场所");
    expect(await dialog.getByText("建议并入").count()).toBe(1);
    await suggested.click();
    await expect.poll(() => suggested.locator("input").isChecked()).toBe(true);
    await lead.waitForTimeout(400); // the radio's check animation
    await screenshot(lead, "case-paths-11-merge-suggested");
    await settled(lead);
    await lead.getByTestId("action-submit").click();
    await closed(lead, dialog);
    await expect.poll(() => stageOf(lead)).toBe("closed");
    await offers(lead, []);
    const info = lead.getByTestId("case-info");
    await info.getByRole("link", { name: "查看主事件" }).click();
    await lead.waitForURL(new RegExp(main.url.split("/").pop() ?? ""));
    await expect.poll(() => lead.getByTestId("case-number").textContent()).toBe(main.number);
    expect(await stageOf(lead)).toBe("reported");
    await expect.poll(() => trail(lead)).toEqual(["case.reported", "case.duplicate_merged"]);
    await expect.poll(() => lastEntry(lead).textContent()).toContain(`并入的重复事件：${dup.number}`);
    await screenshot(lead, "case-paths-12-main-case-after-merge");
    await lastEntry(lead).getByTestId("timeline-case-link").click();
    await expect.poll(() => lead.getByTestId("case-number").textContent()).toBe(dup.number);
    await expect.poll(() => lastEntry(lead).textContent()).toContain(`并入主事件：${main.number}`);
    for (const p of [w, lead]) await p.close();
  },
  walkTimeout,
);

/** Reports, triages, dispatches to the market department and accepts, all in the console. */
async function inHandling(category: string, description: string) {
  const w = await open(browser, server.url, "worker");
  const kase = await report(w, category, description);
  await w.close();
  const lead = await open(browser, server.url, "lead");
  await lead.goto(kase.url);
  await act(lead, "triage");
  await act(lead, "dispatch", async () => {
    await choose(lead, "action-department", "市场监督管理局");
  });
  await expect.poll(() => stageOf(lead)).toBe("dispatched");
  await lead.close();
  const market = await open(browser, server.url, "market");
  await market.goto(kase.url);
  await act(market, "accept");
  await expect.poll(() => stageOf(market)).toBe("handling");
  return { ...kase, market };
}

it(
  "parks a case only with the county office's approval, and resumes it",
  async () => {
    const { market, ...kase } = await inHandling("特种设备", "便利店冷库制冷机组压力容器超期未检");
    // a request needs a reason of 10 characters
    const short = await refused(market, "request_park", reason("等待检验"));
    expect(short.errors).toContain("挂账原因至少 10 个字");
    await screenshot(market, "case-paths-13-park-reason-short");
    await short.dialog
      .getByTestId("action-reason")
      .fill("检验机构排期至下月，压力容器须停用等待定期检验，暂无法整改完毕");
    await settled(market);
    await market.getByTestId("action-submit").click();
    await closed(market, short.dialog);
    await expect.poll(() => market.getByTestId("case-info").textContent()).toContain("检验机构排期至下月");
    await offers(market, ["feedback", "forward", "return"]);
    expect(await stageOf(market)).toBe("handling");

    // the county office finds it to approve; denies it first (a reason is required)
    const county = await open(browser, server.url, "county");
    await openFromQueue(county, "to_approve", kase.number);
    await offers(county, ["approve_park", "deny_park", "escalate"]);
    const denied = await refused(county, "deny_park");
    expect(denied.errors).toContain("驳回原因");
    await denied.dialog.getByTestId("action-reason").fill("停用期间应先落实临时措施，请先整改可整改部分");
    await settled(county);
    await county.getByTestId("action-submit").click();
    await closed(county, denied.dialog);
    await expect.poll(() => lastEntry(county).getAttribute("data-action")).toBe("case.park_denied");
    expect(await stageOf(county)).toBe("handling");
    expect(await county.getByTestId("case-info").textContent()).not.toContain("检验机构排期至下月");
    expect(await inQueue(county, "to_approve", kase.number)).toBe(false);
    await county.goto(kase.url);
    await screenshot(county, "case-paths-14-park-denied");

    // the department asks again; the county office approves: parked, no clock
    await market.reload();
    await offers(market, ["feedback", "forward", "request_park", "return"]);
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await act(market, "request_park", async (dialog) => {
      await dialog
        .getByTestId("action-reason")
        .fill("压力容器已停用并贴封，检验机构排期至下月，届时复产前检验");
      const date = dialog.locator(".ant-picker input");
      await date.fill(until);
      await date.press("Enter");
    });
    await county.reload();
    await offers(county, ["approve_park", "deny_park", "escalate"]);
    await act(county, "approve_park");
    await expect.poll(() => stageOf(county)).toBe("parked");
    await offers(county, ["escalate", "resume"]);
    expect(
      await county
        .getByTestId("case-deadline")
        .locator("[data-deadline-state]")
        .getAttribute("data-deadline-state"),
    ).toBe("none");
    const parked = county.getByTestId("case-info");
    await expect.poll(() => parked.textContent()).toContain("挂账原因");
    expect(await parked.textContent()).toContain(`压力容器已停用并贴封`);
    expect(await parked.textContent()).toContain(`预计 ${until} 整改`);
    await screenshot(county, "case-paths-15-parked");

    // the department resumes it
    await market.reload();
    await expect.poll(() => stageOf(market)).toBe("parked");
    await offers(market, ["resume"]);
    await act(market, "resume");
    await expect.poll(() => stageOf(market)).toBe("handling");
    await expect
      .poll(async () => (await trail(market)).slice(-5))
      .toEqual([
        "case.park_requested",
        "case.park_denied",
        "case.park_requested",
        "case.park_approved",
        "case.resumed",
      ]);
    await screenshot(market, "case-paths-16-resumed");
    for (const p of [market, county]) await p.close();
  },
  walkTimeout,
);

/** The department feeds back with a photo taken at the site. */
async function feedback(page: Page, note: string, result: "fixed" | "partial" = "fixed") {
  await act(page, "feedback", async (dialog) => {
    if (result === "partial") await dialog.getByTestId("action-result").getByText("部分整改").click();
    await dialog.getByTestId("action-note").fill(note);
    await dialog.locator("input[type=file]").setInputFiles({
      name: "整改照片.png",
      mimeType: "image/png",
      buffer: png(64, 48, note.length),
    });
    await expect.poll(() => dialog.textContent()).toContain("SHA-256");
    await coordinate(dialog, "lng").fill(String(site.lon));
    await coordinate(dialog, "lat").fill(String(site.lat));
  });
  await expect.poll(() => stageOf(page)).toBe("awaiting_recheck");
}

/** The township station re-checks at the site. */
async function recheck(page: Page, passed: boolean, note: string) {
  await act(page, "recheck", async (dialog) => {
    if (!passed) await dialog.getByTestId("action-passed").getByText("不通过").click();
    await dialog.getByTestId("action-note").fill(note);
    await coordinate(dialog, "lng").fill(String(site.lon + 0.0002));
    await coordinate(dialog, "lat").fill(String(site.lat));
  });
}

it(
  "sends a case back to handling when the re-check fails (rework counted); the reporter reopens it",
  async () => {
    const { market, ...kase } = await inHandling("特种设备", "便利店电梯（货梯）限速器失效，仍在使用");
    await feedback(market, "已通知维保单位更换限速器", "partial");
    await offers(market, []);

    // the station re-checks: a failed re-check needs a reason, then the case is back in handling
    const station = await open(browser, server.url, "station");
    await openFromQueue(station, "to_recheck", kase.number);
    await offers(station, ["recheck"]);
    const noNote = await refused(station, "recheck", async (dialog) => {
      await dialog.getByTestId("action-passed").getByText("不通过").click();
    });
    expect(noNote.errors).toContain("不通过须说明原因");
    await station.getByRole("button", { name: /取\s*消/ }).click();
    await noNote.dialog.waitFor({ state: "detached" });
    await recheck(station, false, "现场复查：限速器未更换，货梯仍在运行");
    await expect.poll(() => stageOf(station)).toBe("handling");
    const header = station.getByTestId("case-header");
    await expect.poll(() => header.textContent()).toContain("返工 1 次");
    await expect.poll(() => lastEntry(station).textContent()).toContain("不通过");
    await offers(station, []);
    await screenshot(station, "case-paths-17-recheck-failed");
    expect(await inQueue(station, "to_recheck", kase.number)).toBe(false);

    // the market department has it to handle again, rework shown in its queue
    expect(await inQueue(market, "to_handle", kase.number)).toBe(true);
    const row = market.getByTestId("case-table").locator(".ant-table-row", { hasText: kase.number });
    expect(await row.textContent()).toContain("返工 1 次");
    await screenshot(market, "case-paths-18-rework-in-queue");
    await row.getByText(kase.number).click();
    await offers(market, ["feedback", "forward", "request_park", "return"]);
    await feedback(market, "已更换限速器并经维保单位测试合格，货梯恢复使用");

    // passed this time; the lead department closes it
    await station.goto(kase.url);
    await recheck(station, true, "现场复查：限速器已更换，测试正常");
    await expect.poll(() => stageOf(station)).toBe("rechecked");
    const lead = await open(browser, server.url, "lead");
    await openFromQueue(lead, "to_close", kase.number);
    await offers(lead, ["close"]);
    await act(lead, "close");
    await expect.poll(() => stageOf(lead)).toBe("closed");
    await offers(lead, ["reopen"]);

    // the reporter finds it not fixed and reopens it (a reason is required); back to the same department
    const w = await open(browser, server.url, "worker");
    await w.goto(kase.url);
    await offers(w, ["reopen"]);
    const why = await refused(w, "reopen");
    expect(why.errors).toContain("原因");
    await why.dialog.getByTestId("action-reason").fill("巡查发现货梯限速器又被拆除，仍带病运行");
    await settled(w);
    await w.getByTestId("action-submit").click();
    await closed(w, why.dialog);
    await expect.poll(() => stageOf(w)).toBe("handling");
    await expect.poll(() => w.getByTestId("case-header").textContent()).toContain("重开 1 次");
    expect(await w.getByTestId("case-header").textContent()).toContain("市场监督管理局");
    await offers(w, []);
    await expect
      .poll(async () => (await trail(w)).slice(-6))
      .toEqual([
        "case.fed_back",
        "case.rechecked",
        "case.fed_back",
        "case.rechecked",
        "case.closed",
        "case.reopened",
      ]);
    await screenshot(w, "case-paths-19-reopened");
    expect(await inQueue(market, "to_handle", kase.number)).toBe(true);
    for (const p of [market, station, lead, w]) await p.close();
  },
  walkTimeout,
);
