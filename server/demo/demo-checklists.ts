import { createHash, randomUUID } from "node:crypto";
import { insertEvidence } from "../../db/queries/case-evidence-queries";
import { anyChecklistRunInCounty, sitesForChecklists } from "../../db/queries/checklist-queries";
import { findUserByUsername } from "../../db/queries/user-queries";
import { appliesTo } from "../../domain/checklist/checklist-rules";
import type { ChecklistTemplate } from "../../domain/checklist/checklist-types";
import { defaultChecklists } from "../../domain/checklist/default-checklists";
import { actorFromUser } from "../commands/auth/resolve-session";
import { listChecklists, saveChecklist } from "../commands/checklists/checklist-templates";
import { recordChecklistRun } from "../commands/checklists/record-checklist-run";
import { reportChecklistRun } from "../commands/checklists/report-checklist-run";
import type { Deps } from "../deps";
import { evidenceStore } from "../storage/evidence-stores";
import type { DemoPlaces } from "./demo-accounts";

/** A 1×1 PNG standing in for the worker's on-site photos. */
const photo = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** Failed items per run (by item id), with the worker's note; the first run with two is reported. */
const findings: Record<string, [string, string][]> = {
  "default-small-venue": [
    ["three_in_one", "二楼隔出房间住人"],
    ["gas_cylinder", "后厨放置 3 个液化气钢瓶"],
  ],
  "default-enterprise": [["emergency_lighting", "仓库疏散指示灯不亮"]],
  "default-household": [["ebike", "楼道内给电动车充电"]],
};

/**
 * The demo county's checklists: the county office's revision of the 九小场所 checklist (version 2), and a
 * few runs by the demo grid worker at sites of their village — one filled on the old version (flagged),
 * failed items with photos and notes, and one report of two failed items as ONE case. Runs after the cases.
 */
export async function demoChecklists(deps: Deps, places: DemoPlaces): Promise<void> {
  if (await anyChecklistRunInCounty(deps.db, places.county)) return;
  const [workerRow, countyRow] = await Promise.all(
    ["worker", "county"].map((u) => findUserByUsername(deps.db, u)),
  );
  if (!workerRow || !countyRow) return;
  const worker = actorFromUser(workerRow);
  const office = actorFromUser(countyRow);
  const sites = await sitesForChecklists(deps.db, worker.scope[0], 400);
  const now = deps.clock.now();
  const sha = createHash("sha256").update(photo).digest("hex");
  await evidenceStore(deps).put(sha, photo, "image/png");
  const photoOf = async (minutesAgo: number) => {
    const id = randomUUID();
    await insertEvidence(deps.db, {
      id,
      sha256: sha,
      fileName: "现场照片.png",
      mimeType: "image/png",
      size: photo.length,
      uploadedBy: worker.id,
      uploadedAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
      caseId: null,
      regionCode: worker.scope[0],
    });
    return id;
  };

  const run = async (
    site: (typeof sites)[number],
    c: ChecklistTemplate,
    hoursAgo: number,
    failed: [string, string][],
  ) => {
    const answers = [];
    for (const item of c.items) {
      const fail = failed.find(([id]) => id === item.id);
      answers.push({
        itemId: item.id,
        answer: fail ? ("no" as const) : ("yes" as const),
        ...(fail ? { note: fail[1] } : {}),
        evidenceIds: item.requirePhoto || fail ? [await photoOf(hoursAgo * 60)] : [],
      });
    }
    const out = await recordChecklistRun(deps, worker, {
      id: randomUUID(),
      siteId: site.id,
      checklistId: c.id,
      version: c.version,
      at: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
      location: { lng: (site.lon ?? 0) + 0.0002, lat: (site.lat ?? 0) + 0.0001, accuracy: 12 },
      answers,
    });
    return out.body.id;
  };

  const siteFor = (c: ChecklistTemplate, skip: Set<string>) =>
    sites.find((s) => !skip.has(s.id) && appliesTo(c, { kind: s.kind, industryCode: s.industryCode }));
  const used = new Set<string>();
  const venue = defaultChecklists.find((c) => c.id === "default-small-venue")!;
  // Filled on version 1 before the county revised it (the phone was offline): accepted and flagged.
  const early = siteFor(venue, used);
  const revise = async () => {
    await saveChecklist(deps, office, venue.id, {
      regionCode: places.county,
      title: venue.title,
      siteKinds: venue.siteKinds,
      items: [...venue.items, { text: "电动自行车在室外集中停放、充电，未“飞线”充电", requirePhoto: true }],
      version: 1,
    });
  };
  await revise();
  // (the same site is visited again below on the new version)
  if (early) await run(early, venue, 30, []);
  const current = (await listChecklists(deps, worker, {})).items;
  let reported = false;
  for (const [i, c] of current.entries()) {
    const site = siteFor(c, used);
    if (!site) continue;
    used.add(site.id);
    const failed = findings[c.id] ?? [];
    const id = await run(site, c, 26 - i * 5, failed);
    if (!reported && failed.length >= 2) {
      reported = true;
      await reportChecklistRun(deps, worker, id, {
        itemIds: failed.map(([item]) => item),
        category: "three_smalls",
        description: "现场检查发现以下问题，请核查处理",
        idempotencyKey: randomUUID(),
      });
    }
  }
}
