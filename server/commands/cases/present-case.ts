import type { Tx } from "../../../db/db";
import {
  departmentNames,
  gridNamesByCode,
  regionNames,
  userNames,
} from "../../../db/queries/case-lookup-queries";
import { type CaseRow, rowToCase } from "../../../db/queries/case-queries";
import { siteNames } from "../../../db/queries/case-site-queries";
import { defaultCaseCategories } from "../../../domain/case/case-categories";
import type { CaseSource, CaseStage, CaseType } from "../../../domain/case/case-types";
import { caseSourceLabel, caseStageLabel, caseTypeLabel } from "../../../domain/case/case-types";
import { deadlineStatus } from "../../../domain/case/deadline-rules";
import { categoryKey, categoryLabelsOf } from "./case-taxonomy";

export interface Names {
  departments: Map<string, string>;
  users: Map<string, string>;
  regions: Map<string, string>;
  sites: Map<string, string>;
  /** Grid names by code (absent: older callers; the code is shown then). */
  grids?: Map<string, string>;
  /** Configured category labels by `categoryKey(county, code)`; the built-in label otherwise. */
  categories?: Map<string, { zh: string; en: string }>;
}

/** Looks up every name the rows show, one query per kind. */
export async function loadNames(db: Tx, rows: CaseRow[]): Promise<Names> {
  const [departments, users, regions, sites, categories, grids] = await Promise.all([
    departmentNames(
      db,
      rows.flatMap((r) => [r.ownerDepartmentId, r.leadDepartmentId, r.suggestedDepartmentId]),
    ),
    userNames(
      db,
      rows.flatMap((r) => [r.reporterId, r.handlerId, r.lastFeedbackBy]),
    ),
    regionNames(
      db,
      rows.map((r) => r.regionCode),
    ),
    siteNames(
      db,
      rows.map((r) => r.siteId),
    ),
    categoryLabelsOf(db, rows),
    gridNamesByCode(
      db,
      rows.map((r) => r.gridCode),
    ),
  ]);
  return { departments, users, regions, sites, categories, grids };
}

type Label = { zh: string; en: string };
const pick = (l: Label | undefined, en: boolean, fallback: string) => (l ? (en ? l.en : l.zh) : fallback);
const categories = defaultCaseCategories as Record<string, Label>;

export type DeadlineState = "none" | "on_time" | "due_soon" | "overdue";

export function deadlineStateOf(row: Pick<CaseRow, "open" | "deadline">, now: Date): DeadlineState {
  return row.open === 1 && row.deadline ? deadlineStatus(row.deadline, now) : "none";
}

/** A list row: what the queues and tables show. */
export function presentCaseRow(r: CaseRow, names: Names, now: Date, en = false) {
  return {
    id: r.id,
    number: r.number,
    stage: r.stage,
    stageLabel: pick(caseStageLabel[r.stage as CaseStage], en, r.stage),
    type: r.type,
    typeLabel: pick(caseTypeLabel[r.type as CaseType], en, r.type),
    category: r.category,
    categoryLabel: pick(
      names.categories?.get(categoryKey(r.regionCode, r.category)) ?? categories[r.category],
      en,
      r.category,
    ),
    source: r.source,
    sourceLabel: pick(caseSourceLabel[r.source as CaseSource], en, r.source),
    description: r.description.length > 120 ? `${r.description.slice(0, 120)}…` : r.description,
    regionCode: r.regionCode,
    regionName: names.regions.get(r.regionCode) ?? null,
    gridCode: r.gridCode,
    gridName: r.gridCode ? (names.grids?.get(r.gridCode) ?? null) : null,
    siteId: r.siteId,
    siteName: r.siteId ? (names.sites.get(r.siteId) ?? null) : null,
    location: r.lng === null || r.lat === null ? null : { lng: Number(r.lng), lat: Number(r.lat) },
    ownerDepartmentId: r.ownerDepartmentId,
    ownerDepartmentName: names.departments.get(r.ownerDepartmentId) ?? null,
    leadDepartmentId: r.leadDepartmentId,
    handlerId: r.handlerId,
    reportedAt: r.reportedAt,
    stageEnteredAt: r.stageEnteredAt,
    deadline: r.deadline,
    deadlineState: deadlineStateOf(r, now),
    escalated: r.escalated === 1,
    supervised: r.escalated === 1 && r.type === "major_hazard",
    reworkCount: r.reworkCount,
    returnCount: r.returnCount,
    version: r.version,
  };
}

const levels: Record<number, "county" | "city" | "province"> = { 6: "county", 4: "city", 2: "province" };

/** The full case: the row fields plus everything of the domain `Case` and the names around it. */
export function presentCase(r: CaseRow, names: Names, now: Date, en = false) {
  // Object.assign, not spreads: V8 builds this ~60-field object from spreads about 30× slower.
  return Object.assign(rowToCase(r), presentCaseRow(r, names, now, en), {
    description: r.description,
    reporterName: r.reporterId ? (names.users.get(r.reporterId) ?? null) : null,
    leadDepartmentName: names.departments.get(r.leadDepartmentId) ?? null,
    suggestedDepartmentName: r.suggestedDepartmentId
      ? (names.departments.get(r.suggestedDepartmentId) ?? null)
      : null,
    handlerName: r.handlerId ? (names.users.get(r.handlerId) ?? null) : null,
    escalationLevel: r.escalationLevel ? (levels[r.escalationLevel] ?? null) : null,
    recurring: r.recurring === 1,
  });
}

export type CaseRowView = ReturnType<typeof presentCaseRow>;
export type CaseView = ReturnType<typeof presentCase>;
