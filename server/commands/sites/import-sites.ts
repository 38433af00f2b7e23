import { randomUUID } from "node:crypto";
import { insertEvent } from "../../../db/queries/event-queries";
import { findImportMapping, saveImportMapping } from "../../../db/queries/industry-synonym-queries";
import { findRegions } from "../../../db/queries/region-queries";
import { insertEvents } from "../../../db/queries/site-event-queries";
import { insertSites, registeredUsccs } from "../../../db/queries/site-queries";
import { nationalRegionCodes } from "../../../db/regions/county-codes";
import type { NewSiteRow } from "../../../db/schema/grid-tables";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { sitePolicy } from "../../../domain/policies/site-policy";
import type { SiteImportOptions, SiteImportResult } from "../../../domain/schemas/site-schemas";
import type { Deps } from "../../deps";
import { gridLayer } from "../grids/grid-layer";
import { invalidateMapStats } from "../grids/map-stats";
import { industryIndex } from "../industries/industry-lookup";
import { assignmentSummary, siteRow } from "./create-site";
import { assignmentContext, assignSite, preloadWorkers } from "./site-assignment";
import { countyName, outsideCounty } from "./site-county-check";
import { type MappingAnswers, readSiteFile } from "./site-import-file";
import type { ParsedRow } from "./site-import-row";
import { timeOrderedId } from "./time-ordered-id";

/** Rows registered per step of the insert (memory stays flat whatever the file size). */
const importChunk = 2000;

/** At most this many row errors are listed in the answer (`errorCount` has them all). */
export const maxListedErrors = 10_000;

/**
 * Imports sites from an .xlsx or .csv file on disk: every row is checked (fields, USCC with its check
 * character and duplicates in the file and the register, industry code, coordinates converted from the
 * declared CRS and checked against the province, region in scope), then — if the mode allows — the good
 * rows are registered and assigned in one transaction with one trail event each. `all_or_nothing` keeps
 * nothing when any row is bad; `keep_good` keeps the good rows. File-level problems refuse the whole file.
 */
export async function importSites(
  deps: Deps,
  actor: Actor | null,
  file: string,
  format: "xlsx" | "csv",
  opts: SiteImportOptions,
  en = false,
): Promise<SiteImportResult> {
  const fallback =
    opts.region ?? (actor && actor.scope.length === 1 && actor.scope[0].length >= 6 ? actor.scope[0] : null);
  if (
    actor &&
    !(fallback ? sitePolicy.import(actor, fallback) : actor.scope.some((s) => sitePolicy.import(actor, s)))
  )
    throw new AppError("forbidden", {
      zh: "没有在该区划导入监督管理对象的权限",
      en: "You may not import sites here",
    });
  const county = fallback && fallback.length >= 6 ? fallback.slice(0, 6) : null;
  const remembered = county ? await rememberedMapping(deps, county) : {};
  const answers: MappingAnswers = {
    sheet: opts.sheet,
    mapping: opts.mapping ?? remembered.mapping,
    constants: opts.constants ?? remembered.constants,
    industries: { ...remembered.industries, ...opts.industries },
  };
  const parsed = await readSiteFile(file, format, opts.crs, en, answers, {
    index: await industryIndex(deps.db),
    regions: await nationalRegionCodes(),
  });
  if (parsed.needsSheet) throw new AppError("import_failed", { status: 422 });
  // the mapping worked for this file: offered again for the county's next import
  if (county)
    await saveImportMapping(deps.db, {
      regionCode: county,
      kind: "site",
      mapping: JSON.stringify({
        mapping: Object.fromEntries(parsed.headerColumns.map((c) => [c.header, c.field ?? ""])),
        constants: answers.constants ?? {},
        industries: answers.industries ?? {},
      }),
      updatedBy: actor?.id ?? null,
      updatedAt: deps.clock.now().toISOString(),
    });
  const errors = parsed.errors;
  const good: { row: number; fields: ParsedRow }[] = parsed.good;
  const err = (row: number, column: string, code: string, zh: string, english: string) =>
    errors.push({ row, column, code, message: en ? english : zh });

  // regions given in the file: known, at least a county, and in the actor's jurisdiction
  const codes = [...new Set(good.map((g) => g.fields.regionCode).filter((c): c is string => !!c))];
  const known = new Set<string>();
  for (let i = 0; i < codes.length; i += 500)
    for (const r of await findRegions(deps.db, codes.slice(i, i + 500))) known.add(r.code);
  const layer = await gridLayer(deps.db);
  const regionHeader = parsed.headerOf("regionCode");
  const ready: { row: number; fields: ParsedRow & { regionCode: string } }[] = [];
  const seen = new Map<string, number>();
  const taken = await registeredUsccs(
    deps.db,
    good.map((g) => g.fields.uscc).filter((u): u is string => !!u),
  );
  for (const g of good) {
    let region = g.fields.regionCode;
    if (region && !known.has(region)) {
      err(
        g.row,
        regionHeader,
        "invalid_region_code",
        `行政区划代码 ${region} 不存在`,
        `Region ${region} does not exist`,
      );
      continue;
    }
    if (region && actor && !sitePolicy.import(actor, region)) {
      err(
        g.row,
        regionHeader,
        "region_out_of_scope",
        `行政区划 ${region} 不在您的管辖范围内`,
        `Region ${region} is outside your jurisdiction`,
      );
      continue;
    }
    if (!region && g.fields.lon !== null && g.fields.lat !== null) {
      const grid = layer.locate(g.fields.lon, g.fields.lat, fallback?.slice(0, 6));
      if (grid && (!actor || sitePolicy.import(actor, grid.regionCode))) region = grid.regionCode;
    }
    region ??= fallback;
    if (region && g.fields.lon !== null && g.fields.lat !== null) {
      const out = await outsideCounty(region.slice(0, 6), g.fields.lon, g.fields.lat);
      if (out) {
        const own = (await countyName(region.slice(0, 6))) ?? region.slice(0, 6);
        const where = out.code ? `${out.name}（${out.code}）` : out.name;
        err(
          g.row,
          "经度/纬度",
          "outside_county",
          `坐标位于${where}，不在${own}范围内：请核对经纬度，或到所在县区导入`,
          `The location lies in ${out.code ? `${out.name} (${out.code})` : "another area"}, outside ${own}`,
        );
        continue;
      }
    }
    if (!region) {
      err(
        g.row,
        regionHeader,
        "required",
        "无法确定所属行政区划：请填写行政区划代码",
        "No region: fill in the region code",
      );
      continue;
    }
    if (g.fields.uscc) {
      const first = seen.get(g.fields.uscc);
      if (first !== undefined || taken.has(g.fields.uscc)) {
        const where = first !== undefined ? `与第 ${first} 行重复` : "已在系统中登记";
        const whereEn = first !== undefined ? `same as row ${first}` : "already registered";
        err(
          g.row,
          parsed.headerOf("uscc"),
          "duplicate_uscc",
          `统一社会信用代码 ${g.fields.uscc} ${where}`,
          `Code ${g.fields.uscc}: ${whereEn}`,
        );
        continue;
      }
      seen.set(g.fields.uscc, g.row);
    }
    ready.push({ row: g.row, fields: { ...g.fields, regionCode: region } });
  }
  errors.sort((a, b) => a.row - b.row);
  const badRows = new Set(errors.map((e) => e.row)).size;
  const keep = opts.mode === "keep_good" || badRows === 0;
  const base = {
    mode: opts.mode,
    crs: opts.crs,
    rows: parsed.rows,
    rejected: badRows,
    errors: errors.slice(0, maxListedErrors),
    errorCount: errors.length,
    warnings: parsed.warnings,
  };
  if (!keep || ready.length === 0) return { ...base, imported: 0, kept: false };

  const now = deps.clock.now();
  const importId = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    const ctx = await assignmentContext(tx, layer);
    // in chunks, so memory stays flat and the trail rows of one chunk are gone before the next is built
    for (let from = 0; from < ready.length; from += importChunk) {
      const chunk = ready.slice(from, from + importChunk);
      const rows: NewSiteRow[] = chunk.map((r) => siteRow(timeOrderedId(), r.fields, now.toISOString()));
      const located = rows.map((r) =>
        r.lon !== null && r.lat !== null
          ? ctx.layer.locate(r.lon, r.lat, r.regionCode.slice(0, 6))?.id
          : undefined,
      );
      await preloadWorkers(
        ctx,
        located.filter((id): id is string => !!id),
      );
      for (const r of rows) Object.assign(r, assignSite(ctx, r));
      await insertSites(tx, rows, 200);
      await insertEvents(
        tx,
        actor,
        rows.map((r, i) => ({
          action: "site.registered",
          subjectType: "site",
          subjectId: r.id,
          regionCode: r.regionCode,
          data: {
            importId,
            row: chunk[i].row,
            name: r.name,
            kind: r.kind,
            uscc: r.uscc,
            assignment: assignmentSummary(r),
          },
        })),
        now,
      );
    }
    await insertEvent(
      tx,
      actor,
      {
        action: "site.imported",
        subjectType: "site_import",
        subjectId: importId,
        regionCode: fallback,
        data: {
          format,
          sheet: parsed.sheet,
          mode: opts.mode,
          crs: opts.crs,
          rows: parsed.rows,
          imported: ready.length,
          rejected: badRows,
        },
      },
      now,
    );
  });
  invalidateMapStats(deps.db);
  return { ...base, imported: ready.length, kept: true };
}

/** The mapping the county's last site import used (header → field, constants, industry answers). */
export async function rememberedMapping(deps: Deps, county: string): Promise<MappingAnswers> {
  const row = await findImportMapping(deps.db, county, "site");
  if (!row) return {};
  try {
    return JSON.parse(row.mapping) as MappingAnswers;
  } catch {
    return {};
  }
}
