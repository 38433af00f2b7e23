import { AppError } from "../errors";
import { industrySection } from "../site/industry";
import type { ChecklistItem, ChecklistTemplate, EffectiveChecklist, RunAnswer } from "./checklist-types";
import { defaultChecklists } from "./default-checklists";

/** The newest stored version of one of a county's checklists. */
export interface StoredChecklist extends ChecklistTemplate {
  status: "active" | "retired";
  createdBy: string | null;
  createdAt: string;
}

/**
 * The checklists of a county: its own newest versions, and every default it has not saved a version of.
 * Retired ones are kept in the answer only when asked (the console lists them; the phone does not).
 */
export function effectiveChecklists(
  county: readonly StoredChecklist[],
  opts: { includeRetired?: boolean } = {},
): EffectiveChecklist[] {
  const own = new Map(county.map((c) => [c.id, c]));
  const out: EffectiveChecklist[] = defaultChecklists.map((d) => {
    const c = own.get(d.id);
    return c
      ? fromStored(c, "default")
      : { ...d, source: "default", status: "active", updatedBy: null, updatedAt: null };
  });
  for (const c of county)
    if (!defaultChecklists.some((d) => d.id === c.id)) out.push(fromStored(c, "county"));
  return opts.includeRetired ? out : out.filter((c) => c.status === "active");
}

const fromStored = (c: StoredChecklist, source: "default" | "county"): EffectiveChecklist => ({
  id: c.id,
  version: c.version,
  title: c.title,
  siteKinds: c.siteKinds,
  industries: c.industries,
  items: c.items,
  source,
  status: c.status,
  updatedBy: c.createdBy,
  updatedAt: c.createdAt,
});

/** True when a checklist applies to a site of this kind and industry (no industries: every industry). */
export function appliesTo(
  c: ChecklistTemplate,
  site: { kind: string; industryCode: string | null },
): boolean {
  if (!c.siteKinds.includes(site.kind as never)) return false;
  if (c.industries.length === 0) return true;
  const code = site.industryCode;
  if (!code) return false;
  return c.industries.some((p) =>
    /^[A-T]$/.test(p) ? industrySection(code) === p || code === p : code.startsWith(p),
  );
}

/** Ids for a new version: kept where given, made from the position for new items, never repeated. */
export function withItemIds(items: { id?: string; text: string; requirePhoto: boolean }[]): ChecklistItem[] {
  const used = new Set(items.flatMap((i) => (i.id ? [i.id] : [])));
  if (used.size !== items.filter((i) => i.id).length)
    throw new AppError("validation_failed", { zh: "检查项编号重复", en: "Duplicate item ids" });
  let n = 1;
  return items.map((i) => {
    if (i.id) return { id: i.id, text: i.text, requirePhoto: i.requirePhoto };
    while (used.has(`item${n}`)) n++;
    const id = `item${n}`;
    used.add(id);
    return { id, text: i.text, requirePhoto: i.requirePhoto };
  });
}

const invalid = (code: string, zh: string, en: string, details: unknown) =>
  new AppError(code, { status: 422, zh, en, details });

/**
 * Checks a run's answers against the version it was filled on: every item answered once, no unknown item,
 * and an item that requires a photo has one unless it is not applicable. Errors name the item in Chinese.
 */
export function checkAnswers(template: ChecklistTemplate, answers: readonly RunAnswer[]): void {
  const items = new Map(template.items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  for (const a of answers) {
    if (!items.has(a.itemId))
      throw invalid(
        "checklist_item_unknown",
        `检查表“${template.title}”第 ${template.version} 版中没有检查项 ${a.itemId}`,
        `Unknown item ${a.itemId}`,
        { itemId: a.itemId },
      );
    if (seen.has(a.itemId))
      throw invalid(
        "checklist_item_repeated",
        `检查项“${items.get(a.itemId)!.text}”回答了两次`,
        `Item ${a.itemId} answered twice`,
        { itemId: a.itemId },
      );
    seen.add(a.itemId);
  }
  for (const item of template.items) {
    const a = answers.find((x) => x.itemId === item.id);
    if (!a)
      throw invalid("checklist_incomplete", `检查项“${item.text}”尚未回答`, `Item ${item.id} not answered`, {
        itemId: item.id,
      });
    if (item.requirePhoto && a.answer !== "na" && a.evidenceIds.length === 0)
      throw invalid(
        "checklist_photo_required",
        `检查项“${item.text}”须拍照`,
        `Item ${item.id} requires a photo`,
        { itemId: item.id },
      );
  }
}

/** The case description made from failed items: one numbered line each, with the worker's note. */
export function failedItemsDescription(
  checklist: Pick<ChecklistTemplate, "title" | "version" | "items">,
  answers: readonly RunAnswer[],
  itemIds: readonly string[],
  extra?: string,
): string {
  const lines = itemIds.map((id, i) => {
    const item = checklist.items.find((x) => x.id === id);
    const note = answers.find((a) => a.itemId === id)?.note;
    return `${i + 1}. ${item?.text ?? id}${note ? `（${note}）` : ""}`;
  });
  const head = `检查表“${checklist.title}”（第 ${checklist.version} 版）不符合项：`;
  return [extra?.trim(), head, ...lines].filter(Boolean).join("\n");
}
