import { listSiteChecklistRuns } from "../../../db/queries/checklist-queries";
import type { Actor } from "../../../domain/auth/actor";
import type { ChecklistTemplate } from "../../../domain/checklist/checklist-types";
import { AppError } from "../../../domain/errors";
import { checklistPolicy } from "../../../domain/policies/checklist-policy";
import type { Deps } from "../../deps";
import { findVisibleSite } from "../sites/update-site";
import { checklistVersion } from "./checklist-templates";
import { presentRun } from "./present-run";

/** A site's checklist runs, newest first (the office's view on the site file). */
export async function siteChecklistRuns(deps: Deps, actor: Actor, siteId: string, en = false) {
  const site = await findVisibleSite(deps.db, actor, siteId);
  if (!checklistPolicy.readRun(actor, site.regionCode)) throw new AppError("not_found");
  const rows = await listSiteChecklistRuns(deps.db, siteId);
  const templates = new Map<string, ChecklistTemplate | undefined>();
  const items = [];
  for (const r of rows) {
    const key = `${r.checklistId}@${r.version}`;
    if (!templates.has(key))
      templates.set(key, await checklistVersion(deps.db, r.countyCode, r.checklistId, Number(r.version)));
    items.push(presentRun(r, templates.get(key), en));
  }
  return { siteId, items, abilities: { report: checklistPolicy.reportRun(actor, site.regionCode) } };
}
