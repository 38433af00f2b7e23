import type { Tx } from "../../../db/db";
import { latestCountyChecklists } from "../../../db/queries/checklist-queries";
import { listRegionGrids } from "../../../db/queries/grid-queries";
import type { RegionRow } from "../../../db/queries/region-queries";
import type { CaseStage, CaseType } from "../../../domain/case/case-types";
import { type DeadlineRule, pickDeadlineRule } from "../../../domain/case/deadline-rules";
import { effectiveChecklists } from "../../../domain/checklist/checklist-rules";
import type { HandbookBlock } from "../../../domain/print/handbook-markup";
import { siteKindLabel } from "../../../domain/site/site-kinds";
import type { HandbookData } from "../../print/handbook-pdf";
import { chinaDate } from "../../print/pdf-doc";
import { deadlineRulesFor } from "../cases/case-deadlines";
import { taxonomyOf } from "../cases/case-taxonomy";
import { hotlineOf, issuingOffice, regionTitle, workersByGrid } from "./print-data";

const stages: [CaseStage, string][] = [
  ["reported", "受理分类"],
  ["dispatched", "签收"],
  ["handling", "处置"],
  ["awaiting_recheck", "复查"],
];

const limit = (r: DeadlineRule | null) =>
  r ? `${r.amount} 个${r.unit === "working_days" ? "工作日" : "工作小时"}` : "—";

/** The time limits in force in the region: one row per active category, then major hazards and accidents. */
async function deadlineTable(db: Tx, code: string) {
  const rules = await deadlineRulesFor(db, code);
  const categories = (await taxonomyOf(db, code)).filter((c) => c.active);
  const row = (label: string, category: string, type: CaseType) => [
    label,
    ...stages.map(([stage]) => limit(pickDeadlineRule(rules, { regionCode: code, category, type }, stage))),
  ];
  return {
    header: ["类别", ...stages.map(([, l]) => l)],
    rows: [
      ...categories.map((c) => row(c.zh, c.code, "general_hazard")),
      row("重大隐患（各类别）", "", "major_hazard"),
      row("事故（各类别）", "", "accident"),
    ],
  };
}

/** Everything the handbook prints besides the own norms, read for a township or county. */
export async function handbookData(
  db: Tx,
  region: RegionRow,
  own: { title: string; blocks: HandbookBlock[]; version: number },
  now: Date,
  /** False for readers who may not see staff phones (service providers): phones are left out. */
  showPhones = true,
): Promise<HandbookData> {
  const phone = (p: string | null) => (showPhones ? p : null);
  const grids = await listRegionGrids(db, region.code);
  const workers = await workersByGrid(db, grids);
  const county = region.code.slice(0, 6);
  const checklists = effectiveChecklists(await latestCountyChecklists(db, county)).filter(
    (c) => c.status === "active",
  );
  return {
    title: own.title,
    regionName: await regionTitle(db, region),
    issuingOffice: await issuingOffice(db, region.code),
    version: own.version,
    date: chinaDate(now),
    blocks: own.blocks,
    grids: grids.map((g) => ({
      code: g.code,
      name: g.name,
      townshipName: region.level === "county" ? g.townshipName : null,
      workers: (workers.get(g.id) ?? []).map((w) => ({ name: w.name, phone: phone(w.phone) })),
      officer: { name: g.officerName, phone: phone(g.officerPhone) },
      leader: { name: g.leaderName, phone: phone(g.leaderPhone) },
    })),
    checklists: checklists.map((c) => ({
      title: c.title,
      siteKinds: c.siteKinds.map((k) => siteKindLabel[k]?.zh ?? k).join("、") || "各类场所",
      items: c.items.map((i) => i.text),
    })),
    deadlines: await deadlineTable(db, region.code),
    hotline: await hotlineOf(db, region.code),
  };
}
