import { randomUUID } from "node:crypto";
import { pinyin } from "pinyin-pro";
import { z } from "zod";
import type { Tx } from "../../../db/db";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  deleteIndustrySynonym,
  findIndustrySynonym,
  findIndustrySynonymTerm,
  insertIndustrySynonym,
  listIndustrySynonyms,
} from "../../../db/queries/industry-synonym-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { industryPolicy } from "../../../domain/policies/industry-policy";
import { industryLabel, isIndustryCode } from "../../../domain/site/industry";
import { IndustryIndex } from "../../../domain/site/industry-search";
import { siteKinds } from "../../../domain/site/site-kinds";
import type { Deps } from "../../deps";

const initials = (text: string) =>
  pinyin(text, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" }).join("");

let cache: { key: string; index: IndustryIndex } | null = null;

/**
 * The industry index with the province offices' own synonyms (built again when they change; the built-in
 * table and the pinyin initials are computed once per change, not per request).
 */
export async function industryIndex(db: Tx): Promise<IndustryIndex> {
  const extra = await listIndustrySynonyms(db);
  const key = extra.map((e) => e.id).join(",");
  if (cache?.key === key) return cache.index;
  const index = new IndustryIndex(
    extra.map((e) => ({
      term: e.term,
      code: e.code,
      ...(e.kind ? { kind: e.kind as (typeof siteKinds)[number] } : {}),
    })),
    initials,
  );
  cache = { key, index };
  return index;
}

export const industrySearchQuery = z.strictObject({
  q: z.string().trim().max(50).default(""),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export async function searchIndustries(deps: Deps, query: z.infer<typeof industrySearchQuery>, en: boolean) {
  const index = await industryIndex(deps.db);
  return {
    items: index.search(query.q, query.limit).map((h) => ({
      code: h.code,
      label: en ? h.en : h.zh,
      synonym: h.synonym,
      matchedBy: h.matchedBy,
      kind: h.kind,
    })),
  };
}

export const industrySynonymInput = z.strictObject({
  term: z.string().trim().min(1, { error: "请填写俗称" }).max(30, { error: "俗称最多 30 个字" }),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isIndustryCode, { error: "行业代码不是有效的国民经济行业分类（GB/T 4754-2017）代码" }),
  kind: z.enum(siteKinds, { error: "对象类型无效" }).nullable().optional(),
});

const provinceOf = (actor: Actor) => {
  const p = [...new Set(actor.scope.map((s) => s.slice(0, 2)))];
  return p.length === 1 ? p[0] : null;
};

/** The synonyms the province offices added (each with whether the actor may remove it). */
export async function listSynonyms(deps: Deps, actor: Actor, en: boolean) {
  const rows = await listIndustrySynonyms(deps.db);
  return {
    items: rows.map((r) => ({
      id: r.id,
      term: r.term,
      code: r.code,
      label: (en ? industryLabel(r.code)?.en : industryLabel(r.code)?.zh) ?? r.code,
      kind: r.kind,
      regionCode: r.regionCode,
      createdAt: r.createdAt,
      abilities: { remove: industryPolicy.manage(actor, r.regionCode) },
    })),
    abilities: {
      add: (() => {
        const p = provinceOf(actor);
        return p ? industryPolicy.manage(actor, p) : false;
      })(),
    },
  };
}

export async function addSynonym(deps: Deps, actor: Actor, raw: unknown) {
  const input = parseInput(industrySynonymInput, raw);
  const province = provinceOf(actor);
  if (!province || !industryPolicy.manage(actor, province)) throw new AppError("forbidden");
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    if (await findIndustrySynonymTerm(tx, province, input.term, input.code))
      throw new AppError("duplicate_synonym", {
        status: 409,
        zh: `俗称“${input.term}”已对应行业 ${input.code}`,
        en: `"${input.term}" already maps to ${input.code}`,
      });
    await insertIndustrySynonym(tx, {
      id,
      term: input.term,
      code: input.code,
      kind: input.kind ?? null,
      regionCode: province,
      createdBy: actor.id,
      createdAt: now.toISOString(),
    });
    await insertEvent(
      tx,
      actor,
      {
        action: "industry_synonym.added",
        subjectType: "industry_synonym",
        subjectId: id,
        regionCode: province,
        data: { term: input.term, code: input.code, kind: input.kind ?? null },
      },
      now,
    );
  });
  return { id, term: input.term, code: input.code, kind: input.kind ?? null, regionCode: province };
}

export async function removeSynonym(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await findIndustrySynonym(tx, id);
    if (!row) throw new AppError("not_found");
    if (!industryPolicy.manage(actor, row.regionCode)) throw new AppError("forbidden");
    await deleteIndustrySynonym(tx, id);
    await insertEvent(
      tx,
      actor,
      {
        action: "industry_synonym.removed",
        subjectType: "industry_synonym",
        subjectId: id,
        regionCode: row.regionCode,
        data: { term: row.term, code: row.code },
      },
      now,
    );
  });
}
