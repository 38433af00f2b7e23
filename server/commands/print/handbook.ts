import { z } from "zod";
import { insertEvent } from "../../../db/queries/event-queries";
import {
  findHandbookVersion,
  insertHandbookVersion,
  listHandbookVersions,
} from "../../../db/queries/handbook-queries";
import { isUniqueViolation } from "../../../db/queries/idempotency-queries";
import { findUserNames } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { routeGates } from "../../../domain/policies/access-table";
import { printPolicy } from "../../../domain/policies/print-policy";
import {
  type HandbookBlock,
  handbookBlocksSchema,
  handbookMaxChars,
  parseHandbook,
} from "../../../domain/print/handbook-markup";
import type { Deps } from "../../deps";
import { renderHandbook } from "../../print/handbook-pdf";
import { printSettings } from "../../print/print-settings";
import { handbookData } from "./handbook-data";
import { printRegion, regionTitle } from "./print-data";

export const handbookParams = z.strictObject({
  regionCode: z.string().regex(/^(\d{6}|\d{9})$/, { error: "须为 6 位县区或 9 位乡镇代码" }),
});
export const handbookVersionParams = handbookParams.extend({
  version: z.coerce.number().int().min(1, { error: "版本号须为正整数" }),
});
export const handbookPdfQuery = z.strictObject({
  version: z.coerce.number().int().min(1, { error: "版本号须为正整数" }).optional(),
});
export const handbookInput = z.strictObject({
  title: z.string().trim().min(1, { error: "请填写手册标题" }).max(60, { error: "标题最多 60 字" }),
  source: z.string().max(handbookMaxChars, { error: `正文最多 ${handbookMaxChars} 字` }),
  /** The page budget of this version (default SAFEGRID_HANDBOOK_MAX_PAGES). */
  maxPages: z
    .number()
    .int()
    .min(1, { error: "页数上限须为 1–500" })
    .max(500, { error: "页数上限须为 1–500" })
    .optional(),
});

export interface HandbookVersionView {
  version: number;
  title: string;
  source: string;
  blocks: HandbookBlock[];
  maxPages: number;
  pages: number;
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
}
export interface HandbookView {
  regionCode: string;
  regionName: string;
  current: HandbookVersionView | null;
  versions: Omit<HandbookVersionView, "source" | "blocks">[];
  defaultMaxPages: number;
  abilities: { manage: boolean };
}

type StoredVersion = NonNullable<Awaited<ReturnType<typeof findHandbookVersion>>>;
async function present(deps: Deps, row: StoredVersion): Promise<HandbookVersionView> {
  const [user] = await findUserNames(deps.db, [row.createdBy]);
  return {
    version: row.version,
    title: row.title,
    source: row.source,
    blocks: handbookBlocksSchema.parse(JSON.parse(row.blocks)),
    maxPages: row.maxPages,
    pages: row.pages,
    createdBy: row.createdBy,
    createdByName: user?.displayName ?? null,
    createdAt: row.createdAt,
  };
}

const phoneGate = routeGates("gridWorker").phone;

const versionNotFound = () =>
  new AppError("handbook_version_not_found", {
    status: 404,
    zh: "手册版本不存在",
    en: "Handbook version not found",
  });

/** A region's handbook: the newest version with its text, and every version (without text), newest first. */
export async function readHandbook(deps: Deps, actor: Actor, code: string): Promise<HandbookView> {
  const region = await printRegion(deps.db, actor, code, printPolicy.read);
  const current = await findHandbookVersion(deps.db, code);
  const versions = await listHandbookVersions(deps.db, code);
  return {
    regionCode: code,
    regionName: await regionTitle(deps.db, region),
    current: current ? await present(deps, current) : null,
    versions: versions.map((v) => ({ ...v, createdByName: v.createdByName ?? null })),
    defaultMaxPages: printSettings.handbookMaxPages,
    abilities: { manage: printPolicy.manage(actor, code) },
  };
}

/** One version as it was saved. */
export async function readHandbookVersion(deps: Deps, actor: Actor, code: string, version: number) {
  await printRegion(deps.db, actor, code, printPolicy.read);
  const row = await findHandbookVersion(deps.db, code, version);
  if (!row) throw versionNotFound();
  return present(deps, row);
}

const defaultTitle = (regionName: string) => `${regionName}安全生产网格化监管工作手册`;

/**
 * Saves the next version. The whole handbook PDF is rendered first: over the page budget it is refused
 * (422 `handbook_too_long`, the page count in the message) and nothing is stored.
 */
export async function saveHandbook(
  deps: Deps,
  actor: Actor,
  code: string,
  raw: unknown,
): Promise<HandbookView> {
  const input = parseInput(handbookInput, raw);
  const region = await printRegion(deps.db, actor, code, printPolicy.read);
  if (!printPolicy.manage(actor, code)) throw new AppError("forbidden");
  const blocks = parseHandbook(input.source);
  const maxPages = input.maxPages ?? printSettings.handbookMaxPages;
  const now = deps.clock.now();
  const latest = await findHandbookVersion(deps.db, code);
  const version = (latest?.version ?? 0) + 1;
  const data = await handbookData(deps.db, region, { title: input.title, blocks, version }, now);
  const { pages } = await renderHandbook(data);
  if (pages > maxPages)
    throw new AppError("handbook_too_long", {
      status: 422,
      zh: `网格手册共 ${pages} 页，超过页数上限 ${maxPages} 页，请精简本地工作规范后再保存（未保存）`,
      en: `The handbook has ${pages} pages, over its budget of ${maxPages}; shorten the norms (not saved)`,
      details: { pages, maxPages },
    });
  try {
    await deps.db.transaction().execute(async (tx) => {
      await insertHandbookVersion(tx, {
        regionCode: code,
        version,
        title: input.title,
        source: input.source,
        blocks: JSON.stringify(blocks),
        maxPages,
        pages,
        createdBy: actor.id,
        createdAt: now.toISOString(),
      });
      await insertEvent(
        tx,
        actor,
        {
          action: "handbook.saved",
          subjectType: "handbook",
          subjectId: code,
          regionCode: code,
          data: { version, title: input.title, pages, maxPages },
        },
        now,
      );
    });
  } catch (err) {
    // Two saves of the same version at once: the later one is told to reload.
    if (isUniqueViolation(err)) throw new AppError("conflict");
    throw err;
  }
  return readHandbook(deps, actor, code);
}

/** The handbook PDF of a version (the newest when none is named; generated chapters only when none saved). */
export async function handbookPdf(deps: Deps, actor: Actor, code: string, version?: number) {
  const region = await printRegion(deps.db, actor, code, printPolicy.read);
  const row = await findHandbookVersion(deps.db, code, version);
  if (version !== undefined && !row) throw versionNotFound();
  const name = await regionTitle(deps.db, region);
  const own = row
    ? { title: row.title, blocks: handbookBlocksSchema.parse(JSON.parse(row.blocks)), version: row.version }
    : { title: defaultTitle(name), blocks: [], version: 0 };
  // Staff phones are work contacts of every role that sees them at all (not service providers).
  const showPhones = phoneGate(actor);
  const { pdf } = await renderHandbook(
    await handbookData(deps.db, region, own, deps.clock.now(), showPhones),
  );
  return { pdf, fileName: `${own.title}${row ? `-v${row.version}` : ""}.pdf` };
}
