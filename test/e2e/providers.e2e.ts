import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Api, apiAs } from "./case-e2e-kit";
import { type E2eServer, launchBrowser, screenshot, signIn, startServer } from "./e2e-harness";

/**
 * A third-party provider engagement end to end (R27): the county office registers an organisation and its
 * expert (the demo's service-provider account) and engages the expert for one demo site; the expert sees
 * only that site under 我的委托 and assesses it 红; the office approves in the console; the site's risk level
 * changes and its file shows the approval. Pages at 1440×900 and 390×844.
 */
const timeout = 300_000;
let server: E2eServer;
let browser: Browser;
let county: Api;
let provider: Api;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  county = await apiAs(server.url, "county");
  provider = await apiAs(server.url, "provider");
}, timeout);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, timeout);

async function open(username: string, width: number, height: number): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width, height },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  await signIn(page, server.url, username);
  return page;
}

/** A 1×1 PNG. */
const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

it(
  "office engages an expert, the expert assesses a site, the office approves and the risk level changes",
  async () => {
    const me = (await provider<{ user: { id: string } }>("GET", "/auth/me")).user;
    const regionCode = (await county<{ user: { scope: string[] } }>("GET", "/auth/me")).user.scope[0];
    const org = await county<{ id: string }>("POST", "/service-orgs", {
      regionCode,
      name: "E2E 安泰安全技术咨询有限公司",
      qualification: "安全评价机构资质证书",
    });
    const expert = await county<{ id: string }>("POST", `/service-orgs/${org.id}/experts`, {
      name: "郑工",
      userId: me.id,
      qualification: "注册安全工程师",
      certificateNo: "E2E-0001",
      validFrom: "2024-01-01",
      validUntil: "2030-12-31",
    });
    const sites = await county<{ items: { id: string; name: string; riskLevel: string | null }[] }>(
      "GET",
      "/sites?pageSize=50",
    );
    const site = sites.items.find((s) => s.riskLevel !== "red")!;
    await county("POST", "/engagements", {
      expertId: expert.id,
      regionCode,
      title: "E2E 风险评估委托",
      startsOn: shanghaiDay(Date.now()),
      endsOn: shanghaiDay(Date.now() + 30 * 86_400_000),
      siteIds: [site.id],
      caseIds: [],
    });

    const office = await open("county", 1440, 900);
    await office.getByTestId("nav-providers").click();
    await office.getByTestId("providers-page").getByText("E2E 安泰安全技术咨询有限公司").waitFor();
    await screenshot(office, "providers-01-orgs");
    await office.getByRole("tab", { name: "委托" }).click();
    await office.getByText("E2E 风险评估委托").waitFor();
    expect(await office.getByTestId("providers-page").textContent()).toContain("服务中");
    await screenshot(office, "providers-02-engagements");

    // the expert, on a phone-sized screen: only the engaged site, assessed 红
    const expertPage = await open("provider", 390, 844);
    await expertPage.goto(`${server.url}/engaged`);
    await expertPage.getByTestId("engaged-target").first().waitFor();
    // the demo's own engagement (three sites, one case) and this one
    const row = expertPage.getByTestId("engaged-target").filter({ hasText: site.name });
    expect(await row.count()).toBe(1);
    await screenshot(expertPage, "providers-03-engaged-phone");
    await row.getByTestId("engaged-assess").click();
    await expertPage.getByTestId("assess-result").click();
    await expertPage.locator(".ant-select-item-option", { hasText: "红色（重大风险）" }).click();
    await expertPage.getByTestId("assess-findings").fill("粉尘涉爆区域未设置泄爆装置；除尘系统未接地。");
    await screenshot(expertPage, "providers-04-assess-phone");
    await expertPage.getByTestId("assess-save").click();
    await expertPage.getByText("已提交，待安委办审核").waitFor();
    expect((await county<{ riskLevel: string | null }>("GET", `/sites/${site.id}`)).riskLevel).toBe(
      site.riskLevel,
    );

    // the office approves
    await office.reload();
    await office.getByRole("tab", { name: "评估审核" }).click();
    await office.getByTestId("assessment-approve").first().waitFor();
    await screenshot(office, "providers-05-assessments");
    await office.getByTestId("assessment-approve").first().click();
    await office.getByText("已批准，风险等级已更新").waitFor();
    expect((await county<{ riskLevel: string | null }>("GET", `/sites/${site.id}`)).riskLevel).toBe("red");
    const file = await county<{ events: { action: string }[] }>("GET", `/sites/${site.id}/file`);
    expect(file.events.map((e) => e.action)).toContain("site.assessment_approved");
    await office.getByRole("tab", { name: "工作统计" }).click();
    await office.getByTestId("work-total").first().waitFor();
    await screenshot(office, "providers-06-work");

    // the office adds an expert, choosing the account by searching service-provider accounts
    await office.getByRole("tab", { name: "机构与专家" }).click();
    const card = office.locator("tr").filter({ hasText: "E2E 安泰安全技术咨询有限公司" });
    await card.getByTestId("expert-add").click();
    const dialog = office.locator(".ant-modal").filter({ hasText: "证书编号" });
    await dialog.getByTestId("expert-name").fill("郑工二");
    await dialog.getByLabel("专家资质").fill("注册安全工程师");
    await dialog.getByLabel("证书编号").fill("E2E-0002");
    for (const [label, day] of [
      ["有效期自", "2024-01-01"],
      ["有效期至", "2030-12-31"],
    ]) {
      await dialog.getByLabel(label).click();
      await dialog.getByLabel(label).fill(day);
      await dialog.getByLabel(label).press("Enter");
    }
    await dialog.getByTestId("expert-account").click();
    await office.keyboard.type("provider");
    const option = office.locator(".ant-select-item-option", { hasText: "provider" }).first();
    await option.waitFor();
    await screenshot(office, "providers-08-expert-select");
    await option.click();
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await card.getByText("郑工二").waitFor();
    const orgs = await county<{
      items: { id: string; experts: { name: string; userId: string | null }[] }[];
    }>("GET", "/service-orgs");
    const added = orgs.items.find((o) => o.id === org.id)?.experts.find((e) => e.name === "郑工二");
    expect(added?.userId).toBe(me.id);

    // the expert guides the demo engagement's open case with a photo
    const caseRow = expertPage
      .getByTestId("engaged-target")
      .filter({ has: expertPage.getByTestId("engaged-guide") });
    await caseRow.first().getByTestId("engaged-guide").click();
    await expertPage.getByTestId("guide-comment").fill("建议清理消防通道堆放物，设置警示标识。");
    await expertPage
      .getByTestId("guide-evidence")
      .locator("input[type=file]")
      .setInputFiles({ name: "现场.png", mimeType: "image/png", buffer: tinyPng });
    await expertPage.locator(".ant-upload-list-item-done").first().waitFor();
    await screenshot(expertPage, "providers-09-guide-phone");
    await expertPage.getByRole("button", { name: /保\s*存/ }).click();
    await expertPage.getByText("指导意见已记入案件").waitFor();

    const phoneOffice = await open("county", 390, 844);
    await phoneOffice.goto(`${server.url}/providers`);
    await phoneOffice.getByTestId("providers-page").waitFor();
    await screenshot(phoneOffice, "providers-07-orgs-phone");
  },
  timeout,
);
