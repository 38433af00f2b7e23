import { expect, it } from "vitest";
import { apiAs } from "./case-e2e-kit";
import { fieldSuite, waitUntilSent } from "./field-harness";
import { countyToken, fieldSignIn, newPhone, photo, shot } from "./field-kit";

/**
 * Issue 9, checklists on the phone (/m, 390×844): the demo grid worker fills a site's checklist offline
 * (a photo where an item needs one), two items fail; one tap queues ONE report of both; back online both
 * go out once — the run with each failed item's photo, and one case carrying both photos.
 */
const suite = fieldSuite();

interface Checklist {
  id: string;
  siteKinds: string[];
  industries: string[];
  items: { id: string; text: string; requirePhoto: boolean }[];
}
interface Site {
  id: string;
  name: string;
  kind: string;
  industryCode?: string | null;
}

it("fills a checklist offline and reports its two failed items as one case in one tap", async () => {
  const worker = await apiAs(suite.server.url, "worker");
  const { sites } = await worker<{ sites: Site[] }>("GET", "/field/work-set");
  const { items: lists } = await worker<{ items: Checklist[] }>("GET", "/checklists");
  const fits = (c: Checklist, s: Site) =>
    c.siteKinds.includes(s.kind) &&
    (c.industries.length === 0 || c.industries.some((p) => !!s.industryCode && s.industryCode.startsWith(p)));
  const site = sites.find((s) => lists.some((c) => fits(c, s)))!;
  const checklist = lists.find((c) => fits(c, site))!;
  const failed = checklist.items.filter((i) => i.requirePhoto).slice(0, 2);
  expect(failed).toHaveLength(2);

  const context = await newPhone(suite.browser);
  const problems: string[] = [];
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(e.message));
  await fieldSignIn(page, suite.server.url);
  await page.goto(`${suite.server.url}/m/sites/${site.id}`);
  await page.getByTestId("site-checklist").waitFor();
  await context.setOffline(true);
  await page.getByTestId("site-checklist").click();
  await page.getByTestId("checklist-screen").waitFor();

  // submitting with an unanswered item says which one
  await page.getByTestId("checklist-submit").click();
  expect(await page.getByTestId("checklist-error").textContent()).toContain(checklist.items[0].text);
  for (const [n, item] of checklist.items.entries()) {
    const fail = failed.some((f) => f.id === item.id);
    await page.getByTestId(`answer-${item.id}-${fail ? "no" : item.requirePhoto ? "na" : "yes"}`).click();
    if (fail) {
      await page.getByTestId(`note-${item.id}`).fill(`现场问题-${item.id}`);
      await page
        .getByTestId(`photo-${item.id}`)
        .locator("input[type=file]")
        .setInputFiles(photo(50 + n));
      await page.getByTestId(`photo-${item.id}`).locator(".thumb img").waitFor();
    }
  }
  await shot(page, "checklist-01-filled");
  await page.getByTestId("checklist-submit").click();
  await page.getByTestId("checklist-saved").waitFor();
  await shot(page, "checklist-02-failed-items");
  await page.getByTestId("checklist-report").click();
  await page.getByTestId("checklist-reported").waitFor();
  await shot(page, "checklist-03-reported");
  await page.getByTestId("tab-outbox").click();
  await expect.poll(() => page.getByTestId("outbox-waiting").count()).toBe(2);
  await shot(page, "checklist-04-outbox");

  await context.setOffline(false);
  await waitUntilSent(page, 2);
  await shot(page, "checklist-05-sent");

  const token = await countyToken(suite.server);
  const res = await fetch(`${suite.server.url}/api/v1/sites/${site.id}/checklist-runs`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const runs = (await res.json()).items as {
    failedCount: number;
    reports: { caseId: string; itemIds: string[] }[];
    answers: { itemId: string; evidenceIds: string[]; note: string | null }[];
  }[];
  const mine = runs.filter((r) => r.reports.some((x) => x.itemIds.join() === failed.map((f) => f.id).join()));
  expect(mine).toHaveLength(1);
  expect(mine[0].failedCount).toBe(2);
  for (const f of failed) expect(mine[0].answers.find((a) => a.itemId === f.id)?.evidenceIds).toHaveLength(1);
  const kase = await fetch(`${suite.server.url}/api/v1/cases/${mine[0].reports[0].caseId}`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json());
  expect(kase.case.description).toContain(`现场问题-${failed[0].id}`);
  expect(kase.evidence).toHaveLength(2);
  expect(problems).toEqual([]);
  await context.close();
}, 240_000);
