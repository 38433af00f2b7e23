import { nationalRegionCodes } from "../../../db/regions/county-codes";
import type { Actor } from "../../../domain/auth/actor";
import { AppError } from "../../../domain/errors";
import { sitePolicy } from "../../../domain/policies/site-policy";
import type { SiteImportPreviewOptions } from "../../../domain/schemas/site-schemas";
import type { Deps } from "../../deps";
import { industryIndex } from "../industries/industry-lookup";
import { rememberedMapping } from "./import-sites";
import { columnName, type ImportField, importFields, requiredFields } from "./site-import-columns";
import { readSiteFile } from "./site-import-file";

/**
 * The mapping step of a site import (issue 11): reads the file without registering anything and answers
 * what the user confirms or corrects — the sheets (empty ones ignored; several with data: choose one), the
 * header row found below the title rows, each column with the field it was matched to (by the county's
 * remembered mapping or the header synonyms), three sample rows, the fields no column gives (a constant may
 * fill them; 类型 is inferred from the industry where it can be), and the 行业类别 texts nobody could match.
 */
export async function previewSiteImport(
  deps: Deps,
  actor: Actor,
  file: string,
  format: "xlsx" | "csv",
  opts: SiteImportPreviewOptions,
  en: boolean,
) {
  const fallback =
    opts.region ?? (actor.scope.length === 1 && actor.scope[0].length >= 6 ? actor.scope[0] : null);
  if (!(fallback ? sitePolicy.import(actor, fallback) : actor.scope.some((s) => sitePolicy.import(actor, s))))
    throw new AppError("forbidden");
  const county = fallback && fallback.length >= 6 ? fallback.slice(0, 6) : null;
  const remembered = county ? await rememberedMapping(deps, county) : {};
  const answers = {
    sheet: opts.sheet,
    mapping: opts.mapping ?? remembered.mapping,
    constants: opts.constants ?? remembered.constants ?? {},
    industries: { ...remembered.industries, ...opts.industries },
  };
  const parsed = await readSiteFile(file, format, "WGS84", en, answers, {
    index: await industryIndex(deps.db),
    regions: await nationalRegionCodes(),
    preview: true,
  });
  const fields = importFields.map((f: ImportField) => ({
    field: f,
    label: columnName(f),
    required: requiredFields.includes(f),
  }));
  if (parsed.needsSheet)
    return {
      needsSheet: true,
      sheets: parsed.sheets,
      sheet: null,
      headerRow: null,
      columns: [],
      samples: [],
      rows: 0,
      fields,
      missing: [],
      constants: answers.constants,
      industries: answers.industries,
      unmatchedIndustries: [],
      remembered: Boolean(remembered.mapping),
    };
  const mapped = new Set(parsed.headerColumns.map((c) => c.field).filter(Boolean));
  return {
    needsSheet: false,
    sheets: parsed.sheets,
    sheet: parsed.sheet,
    headerRow: parsed.headerRow,
    columns: parsed.headerColumns,
    samples: parsed.samples.map((r) =>
      parsed.headerColumns.map((c) => (r.cells[c.index] === null ? "" : String(r.cells[c.index] ?? ""))),
    ),
    rows: parsed.rows,
    fields,
    missing: importFields.filter((f) => !mapped.has(f)),
    constants: answers.constants,
    industries: answers.industries,
    unmatchedIndustries: parsed.unmatchedIndustries,
    remembered: Boolean(remembered.mapping),
  };
}
