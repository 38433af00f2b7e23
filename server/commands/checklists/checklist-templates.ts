import { randomUUID } from "node:crypto";
import {
  checklistVersions,
  findChecklistVersion,
  insertChecklistVersion,
  latestCountyChecklists,
} from "../../../db/queries/checklist-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { isUniqueViolation } from "../../../db/queries/idempotency-queries";
import { findRegion } from "../../../db/queries/region-queries";
import { findUserNames } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { effectiveChecklists, withItemIds } from "../../../domain/checklist/checklist-rules";
import {
  checklistInput,
  checklistListQuery,
  retireChecklistInput,
} from "../../../domain/checklist/checklist-schemas";
import type { ChecklistTemplate, EffectiveChecklist } from "../../../domain/checklist/checklist-types";
import { defaultChecklists } from "../../../domain/checklist/default-checklists";
import { AppError } from "../../../domain/errors";
import { checklistPolicy } from "../../../domain/policies/checklist-policy";
import type { Deps } from "../../deps";

/** The county a list is for: the one asked for, else the county of the actor's (first) scope. */
function countyOf(actor: Actor, region: string | undefined): string {
  if (region) return region;
  const own = actor.scope.find((c) => c.length >= 6);
  if (!own)
    throw new AppError("validation_failed", {
      zh: "请指定县区（region）",
      en: "Name the county (region)",
      details: { issues: [{ path: "region", message: "请指定县区（region）" }] },
    });
  return own.slice(0, 6);
}

async function visibleCounty(deps: Deps, actor: Actor, code: string) {
  const region = await findRegion(deps.db, code);
  if (region?.level !== "county" || !checklistPolicy.read(actor, code)) throw new AppError("not_found");
}

/** The checklists with the names of the people who last changed them. */
async function named(deps: Deps, list: EffectiveChecklist[]): Promise<EffectiveChecklist[]> {
  const ids = [...new Set(list.flatMap((c) => (c.updatedBy ? [c.updatedBy] : [])))];
  const names = new Map(
    (ids.length ? await findUserNames(deps.db, ids) : []).map((u) => [u.id, u.displayName]),
  );
  return list.map((c) => ({ ...c, updatedByName: c.updatedBy ? (names.get(c.updatedBy) ?? null) : null }));
}

export interface ChecklistList {
  regionCode: string;
  items: EffectiveChecklist[];
  abilities: { manage: boolean };
}

/** The checklists in effect in a county: its own versions, else the defaults (retired ones when asked). */
export async function listChecklists(deps: Deps, actor: Actor, raw: unknown): Promise<ChecklistList> {
  const q = parseInput(checklistListQuery, raw);
  const county = countyOf(actor, q.region);
  await visibleCounty(deps, actor, county);
  const stored = await latestCountyChecklists(deps.db, county);
  return {
    regionCode: county,
    items: await named(deps, effectiveChecklists(stored, { includeRetired: q.includeRetired === "true" })),
    abilities: { manage: checklistPolicy.manage(actor, county) },
  };
}

/** One checklist as the county has it now (a default not yet edited is its version 1). */
export async function currentChecklist(
  db: Deps["db"],
  county: string,
  id: string,
): Promise<(ChecklistTemplate & { status: "active" | "retired" }) | undefined> {
  const own = (await checklistVersions(db, county, id))[0];
  if (own) return own;
  const d = defaultChecklists.find((c) => c.id === id);
  return d ? { ...d, status: "active" } : undefined;
}

/** A version the county has or had: stored, or a default's version 1. */
export async function checklistVersion(db: Deps["db"], county: string, id: string, version: number) {
  const stored = await findChecklistVersion(db, county, id, version);
  if (stored) return stored;
  const d = defaultChecklists.find((c) => c.id === id);
  return d && version === 1 ? d : undefined;
}

export const checklistNotFound = () =>
  new AppError("checklist_not_found", { status: 404, zh: "检查表不存在", en: "Checklist not found" });

type Change = { kind: "created" | "revised" | "retired" | "restored" };

async function writeVersion(
  deps: Deps,
  actor: Actor,
  county: string,
  next: ChecklistTemplate & { status: "active" | "retired" },
  change: Change,
) {
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (tx) => {
      await insertChecklistVersion(tx, {
        countyCode: county,
        id: next.id,
        version: next.version,
        title: next.title,
        siteKinds: JSON.stringify(next.siteKinds),
        industries: JSON.stringify(next.industries),
        items: JSON.stringify(next.items),
        status: next.status,
        createdBy: actor.id,
        createdAt: now.toISOString(),
      });
      await insertEvent(
        tx,
        actor,
        {
          action: `checklist.${change.kind}`,
          subjectType: "checklist",
          subjectId: `${county}:${next.id}`,
          regionCode: county,
          data: {
            id: next.id,
            version: next.version,
            title: next.title,
            status: next.status,
            items: next.items.length,
          },
        },
        now,
      );
    });
  } catch (err) {
    // another office saved the same version first
    if (isUniqueViolation(err)) throw new AppError("conflict");
    throw err;
  }
  const list = await latestCountyChecklists(deps.db, county);
  return (await named(deps, effectiveChecklists(list, { includeRetired: true }))).find(
    (c) => c.id === next.id,
  )!;
}

/** A new checklist outside the actor's rule is 403; an existing one is 404 unless they may read it. */
async function manageable(deps: Deps, actor: Actor, county: string, creating = false) {
  if (creating && !checklistPolicy.manage(actor, county)) throw new AppError("forbidden");
  await visibleCounty(deps, actor, county);
  if (!checklistPolicy.manage(actor, county)) throw new AppError("forbidden");
}

/** A new checklist of the county (version 1), or a new version of one (`id`): older runs keep theirs. */
export async function saveChecklist(deps: Deps, actor: Actor, id: string | null, raw: unknown) {
  const input = parseInput(checklistInput, raw);
  await manageable(deps, actor, input.regionCode, id === null);
  const items = withItemIds(input.items);
  const body = { title: input.title, siteKinds: input.siteKinds, industries: input.industries, items };
  if (id === null)
    return writeVersion(
      deps,
      actor,
      input.regionCode,
      { id: `c-${randomUUID()}`, version: 1, status: "active", ...body },
      { kind: "created" },
    );
  const current = await currentChecklist(deps.db, input.regionCode, id);
  if (!current) throw checklistNotFound();
  if (input.version !== undefined && input.version !== current.version) throw new AppError("conflict");
  return writeVersion(
    deps,
    actor,
    input.regionCode,
    { id, version: current.version + 1, status: "active", ...body },
    { kind: "revised" },
  );
}

/** Retires a checklist (or puts it back): a new version with the same items, so runs keep their version. */
export async function retireChecklist(deps: Deps, actor: Actor, id: string, raw: unknown) {
  const input = parseInput(retireChecklistInput, raw);
  await manageable(deps, actor, input.regionCode);
  const current = await currentChecklist(deps.db, input.regionCode, id);
  if (!current) throw checklistNotFound();
  const status = input.retired ? "retired" : "active";
  if (current.status === status) {
    const list = await latestCountyChecklists(deps.db, input.regionCode);
    return effectiveChecklists(list, { includeRetired: true }).find((c) => c.id === id)!;
  }
  return writeVersion(
    deps,
    actor,
    input.regionCode,
    { ...current, version: current.version + 1, status },
    { kind: input.retired ? "retired" : "restored" },
  );
}

/** Every version of a checklist in the county, newest first (the default's version 1 last). */
export async function listChecklistVersions(
  deps: Deps,
  actor: Actor,
  id: string,
  region: string | undefined,
) {
  const county = countyOf(actor, region);
  await visibleCounty(deps, actor, county);
  const stored = await checklistVersions(deps.db, county, id);
  const d = defaultChecklists.find((c) => c.id === id);
  if (!stored.length && !d) throw checklistNotFound();
  return {
    regionCode: county,
    id,
    versions: [
      ...stored.map((s) => ({ ...s, source: d ? "default" : "county" })),
      ...(d ? [{ ...d, status: "active", createdBy: null, createdAt: null, source: "default" }] : []),
    ],
  };
}
