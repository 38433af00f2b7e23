import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventLabel, subjectHref, subjectTypeLabels } from "../../../domain/trail/event-labels";
import { presentSiteEvent, siteEventKinds } from "../../../domain/trail/site-event-kinds";

/** Every source file of server/ that writes events (not tests, not test support). */
function serverSources(dir = path.resolve(__dirname, "../..")): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "test") out.push(...serverSources(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
      out.push({ file: path.relative(process.cwd(), full), text: fs.readFileSync(full, "utf8") });
  }
  return out;
}

const actionLiteral = /action:\s*"([a-z_]+\.[a-z_]+)"/g;

/** Event kinds written with subject `site`: the `action` literal nearest to each `subjectType: "site"`. */
function siteKindsWritten(sources: { file: string; text: string }[]) {
  const kinds = new Map<string, string>();
  for (const { file, text } of sources) {
    for (const m of text.matchAll(/subjectType:\s*"site"/g)) {
      const at = m.index ?? 0;
      const window = text.slice(Math.max(0, at - 400), at + 400);
      let best: { kind: string; d: number } | null = null;
      for (const a of window.matchAll(actionLiteral)) {
        const d = Math.abs((a.index ?? 0) - Math.min(at, 400));
        if (!best || d < best.d) best = { kind: a[1], d };
      }
      if (best) kinds.set(best.kind, file);
    }
  }
  return kinds;
}

describe("site event kinds (the site file's one table)", () => {
  const sources = serverSources();

  it("has a label for every kind written about a site anywhere in server/", () => {
    const written = siteKindsWritten(sources);
    expect(written.size).toBeGreaterThanOrEqual(5);
    expect([...written.keys()]).toContain("site.case_reported");
    const missing = [...written].filter(([k]) => !siteEventKinds[k]).map(([k, f]) => `${k} (${f})`);
    expect(missing, "add a row to domain/trail/site-event-kinds.ts").toEqual([]);
  });

  it("has a readable trail label for every event kind written in server/", () => {
    const kinds = new Map<string, string>();
    for (const { file, text } of sources) for (const a of text.matchAll(actionLiteral)) kinds.set(a[1], file);
    const missing = [...kinds].filter(([k]) => !eventLabel(k)).map(([k, f]) => `${k} (${f})`);
    expect(missing, "add a label to domain/trail/event-labels.ts").toEqual([]);
  });

  it("names a reported case with a link to it, and the grid and worker of an assignment", () => {
    const reported = presentSiteEvent("site.case_reported", { caseId: "c1", number: "YZ-2026-0001" }, false);
    expect(reported.actionLabel).toBe("上报隐患案件");
    expect(reported.summary).toContain("YZ-2026-0001");
    expect(reported.links).toEqual([
      {
        kind: "case",
        id: "c1",
        href: "/cases/c1",
        label: { zh: "案件 YZ-2026-0001", en: "Case YZ-2026-0001" },
      },
    ]);
    const names = { grids: new Map([["g1", "和平村一网格"]]), users: new Map([["u1", "张网格"]]) };
    const moved = presentSiteEvent(
      "site.reassigned",
      { after: { gridId: "g1", workerId: "u1" } },
      false,
      names,
    );
    expect(moved.links.map((l) => [l.href, l.label.zh])).toEqual([
      ["/grids?grid=g1", "网格 和平村一网格"],
      [null, "网格员 张网格"],
    ]);
    expect(presentSiteEvent("site.case_reported", { caseId: "c1", number: "N" }, true).actionLabel).toBe(
      "Case reported at the site",
    );
  });

  it("shows the raw kind only for a kind with no row (never for a written one)", () => {
    expect(presentSiteEvent("site.unheard_of", {}, false).actionLabel).toBe("site.unheard_of");
  });

  it("labels and links what is recorded under another subject: a case's closure, a delivery, a patrol, a task", () => {
    const closed = presentSiteEvent("case.closed", { caseId: "c9", number: "YZ-2026-0009" }, false);
    expect(closed.actionLabel).toBe("案件结案");
    expect(closed.summary).toContain("YZ-2026-0009");
    expect(closed.links.map((l) => l.href)).toEqual(["/cases/c9"]);
    const delivered = presentSiteEvent(
      "delivery.recorded",
      { deliveryId: "d1", outcome: "delivered" },
      false,
    );
    expect(delivered).toMatchObject({ actionLabel: "文件送达", summary: "文书已送达本场所" });
    expect(delivered.links.map((l) => l.href)).toEqual(["/deliveries/d1"]);
    expect(presentSiteEvent("site.patrolled", { patrolId: "p1" }, false).links.map((l) => l.kind)).toEqual([
      "patrol",
    ]);
    const task = presentSiteEvent("task.recorded", { recordId: "t1", kind: "outreach" }, false);
    expect(task).toMatchObject({ actionLabel: "网格任务记录", summary: "记录任务：安全宣传" });
    // the trail keeps the case's own words for its events
    expect(eventLabel("case.closed")?.zh).toBe("结案");
  });

  it("links every subject with a page of its own from the trail browser", () => {
    expect(subjectHref("case", "c1")).toBe("/cases/c1");
    expect(subjectHref("site", "s 1")).toBe("/sites?site=s%201");
    expect(subjectHref("grid", "g1")).toBe("/grids?grid=g1");
    expect(subjectHref("delivery", "d1")).toBe("/deliveries/d1");
    expect(subjectHref("user", "u1")).toBeNull();
    for (const type of Object.keys(subjectTypeLabels))
      expect(subjectTypeLabels[type].zh).toMatch(/\p{Script=Han}/u);
  });
});
