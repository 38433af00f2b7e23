import { beforeAll, expect, it } from "vitest";
import { apiAs, pageAs, png } from "./case-e2e-kit";
import { browserSuite, demoPassword, screenshot, signIn } from "./e2e-harness";

/**
 * 同人不得闭环 in the console: the lead department triages, keeps (own remit), accepts and feeds back on a
 * case; after a grid worker's re-check the same person sees the close button disabled with the reason in
 * words, before trying. The county office sees the county's switch on the case-categories page.
 */
const timeout = 300_000;
const suite = browserSuite({ timeout });
let caseId = "";

async function uploadAs(username: string): Promise<string> {
  const login = await fetch(`${suite.server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const { token } = (await login.json()) as { token: string };
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png(8, 8, 3))], { type: "image/png" }), "fixed.png");
  const res = await fetch(`${suite.server.url}/api/v1/evidence`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return ((await res.json()) as { items: { id: string }[] }).items[0].id;
}

beforeAll(async () => {
  const worker = await apiAs(suite.server.url, "worker");
  const lead = await apiAs(suite.server.url, "lead");
  const me = await worker<{ user: { scope: string[] } }>("GET", "/auth/me");
  const leadMe = await lead<{ user: { departmentId: string } }>("GET", "/auth/me");
  const created = await worker<{ case: { id: string } }>("POST", "/cases", {
    source: "grid_worker",
    type: "general_hazard",
    category: "gas",
    description: "农家乐厨房液化气钢瓶与灶具未分隔",
    regionCode: me.user.scope[0],
    location: { lng: 104.121, lat: 35.852 },
  });
  caseId = created.case.id;
  await lead("POST", `/cases/${caseId}/triage`, { type: "general_hazard", category: "gas" });
  await lead("POST", `/cases/${caseId}/dispatch`, { departmentId: leadMe.user.departmentId });
  await lead("POST", `/cases/${caseId}/accept`, {});
  const evidence = await uploadAs("lead");
  await lead("POST", `/cases/${caseId}/feedback`, {
    result: "fixed",
    note: "钢瓶已移至独立气瓶间",
    evidenceIds: [evidence],
  });
  await new Promise((r) => setTimeout(r, 1100));
  await worker("POST", `/cases/${caseId}/recheck`, { passed: true, location: { lng: 104.121, lat: 35.852 } });
}, timeout);

it(
  "shows the lead's own closing refused before the action, on a desktop and a phone",
  async () => {
    const page = await pageAs(suite.browser, suite.server.url, "lead");
    await page.goto(`${suite.server.url}/cases/${caseId}`);
    const refused = page.getByTestId("refused-close");
    await refused.waitFor();
    expect(await refused.isDisabled()).toBe(true);
    expect(await page.getByTestId("action-close").count()).toBe(0);
    await expect.poll(() => page.getByTestId("closure-note").textContent()).toContain("同人不得闭环");
    await screenshot(page, "honest-closure-case-desktop");
    await page.close();
    const phone = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await signIn(phone, suite.server.url, "lead");
    await phone.goto(`${suite.server.url}/cases/${caseId}`);
    await expect.poll(() => phone.getByTestId("closure-note").textContent()).toContain("同人不得闭环");
    await phone.screenshot({ path: "test-results/honest-closure-case-phone.png" });
    await phone.close();
  },
  timeout,
);

it(
  "the county office sees and can switch the county's rule",
  async () => {
    const page = await pageAs(suite.browser, suite.server.url, "county");
    await page.goto(`${suite.server.url}/case-categories?region=620123`);
    const card = page.getByTestId("closure-rule");
    await card.waitFor();
    expect(await card.textContent()).toContain("同人不得闭环");
    const toggle = page.getByTestId("closure-rule-switch");
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    expect(await toggle.isDisabled()).toBe(false);
    await screenshot(page, "honest-closure-county-setting");
    await page.close();
  },
  timeout,
);
