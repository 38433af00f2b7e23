import { z } from "zod";
import type { Tx } from "../../../db/db";
import { gridsOfWorkers, listRegionWorkers } from "../../../db/queries/print-queries";
import { findRegions } from "../../../db/queries/region-queries";
import { findUserById } from "../../../db/queries/user-queries";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { can } from "../../../domain/policies/access-table";
import { printPolicy } from "../../../domain/policies/print-policy";
import { reportLink } from "../../../domain/print/print-texts";
import type { Deps } from "../../deps";
import {
  type CardLayout,
  type DutyCard,
  renderDutyCards,
  type SkippedWorker,
} from "../../print/duty-card-pdf";
import { chinaDate, withPhone } from "../../print/pdf-doc";
import { loadPhotos } from "../users/user-photo";
import { hotlineOf, issuingOffice, printRegion } from "./print-data";

const layout = z.enum(["a6", "a4x4"], { error: "版式须为 a6（单张）或 a4x4（A4 四联）" });
export const dutyCardQuery = z.strictObject({ layout: layout.default("a6") });
export const dutyCardBatchQuery = z.strictObject({
  region: z.string().regex(/^(\d{6}|\d{9})$/, { error: "须为 6 位县区或 9 位乡镇代码" }),
  layout: layout.default("a4x4"),
});

type Worker = {
  id: string;
  displayName: string;
  phone: string | null;
  regionCode: string;
  photoEvidenceId?: string | null;
};

const noGrid = (name: string) => `${name} 尚未配备到任何网格，无法生成明白卡（请先在网格页配备网格员）`;

/** Cards of the given workers (those without an active grid are skipped with the reason). */
async function buildCards(deps: Deps, workers: Worker[], origin: string, now: Date) {
  const db: Tx = deps.db;
  const photos = await loadPhotos(
    deps,
    workers.map((w) => w.photoEvidenceId),
  );
  const rows = await gridsOfWorkers(
    db,
    workers.map((w) => w.id),
  );
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const codes = new Set<string>();
  for (const w of workers) {
    const first = byUser.get(w.id)?.[0];
    codes.add(first?.townshipCode ?? w.regionCode.slice(0, 9));
  }
  const names = new Map((await findRegions(db, [...codes])).map((r) => [r.code, r.name]));
  const perCounty = new Map<string, { hotline: string | null; office: string }>();
  const countyOf = async (code: string) => {
    const c = code.slice(0, 6);
    let v = perCounty.get(c);
    if (!v) {
      v = { hotline: await hotlineOf(db, c), office: await issuingOffice(db, c) };
      perCounty.set(c, v);
    }
    return v;
  };
  const cards: DutyCard[] = [];
  const skipped: SkippedWorker[] = [];
  /** Workers whose card was made with an empty photo frame (photo optional, R10). */
  const withoutPhoto: string[] = [];
  const date = chinaDate(now);
  for (const w of workers) {
    const grids = byUser.get(w.id) ?? [];
    if (!grids.length) {
      skipped.push({ name: w.displayName, reason: "尚未配备到任何网格" });
      continue;
    }
    const county = await countyOf(grids[0].code);
    const photo = (w.photoEvidenceId && photos.get(w.photoEvidenceId)) || null;
    if (!photo) withoutPhoto.push(w.displayName);
    cards.push({
      name: w.displayName,
      phone: w.phone,
      photo,
      townshipName: names.get(grids[0].townshipCode) ?? "",
      grids: grids.map((g) => ({
        code: g.code,
        name: g.name,
        officer: withPhone(g.officerName, g.officerPhone),
        leader: withPhone(g.leaderName, g.leaderPhone),
      })),
      reportUrl: reportLink(origin, grids[0].code),
      hotline: county.hotline,
      issuingOffice: county.office,
      date,
    });
  }
  return { cards, skipped, withoutPhoto };
}

/** One grid worker's duty card. A worker without a grid: 422 `worker_without_grid`, naming them. */
export async function dutyCardPdf(deps: Deps, actor: Actor, userId: string, raw: unknown, origin: string) {
  const q = parseInput(dutyCardQuery, raw);
  const user = await findUserById(deps.db, userId);
  if (
    !user ||
    user.role !== "grid_worker" ||
    !can(actor, "gridWorker", "read", { regionCode: user.regionCode })
  )
    throw new AppError("not_found");
  if (!printPolicy.print(actor, user.regionCode)) throw new AppError("forbidden");
  const { cards } = await buildCards(deps, [user], origin, deps.clock.now());
  if (!cards.length)
    throw new AppError("worker_without_grid", {
      status: 422,
      zh: noGrid(user.displayName),
      en: `${user.displayName} serves no grid yet; assign them to a grid first`,
    });
  const { pdf } = await renderDutyCards(cards, q.layout as CardLayout, {
    title: `网格员明白卡-${user.displayName}`,
    author: cards[0].issuingOffice,
  });
  return { pdf, fileName: `明白卡-${user.displayName}.pdf` };
}

/**
 * Every duty card of a township or county in one PDF (A4 sheets of four by default). Workers without a
 * grid are left out and listed on the last page (a region without any card gets that page alone).
 */
export async function dutyCardBatch(deps: Deps, actor: Actor, raw: unknown, origin: string) {
  const q = parseInput(dutyCardBatchQuery, raw);
  const region = await printRegion(deps.db, actor, q.region, printPolicy.print);
  const workers = await listRegionWorkers(deps.db, q.region);
  const { cards, skipped, withoutPhoto } = await buildCards(deps, workers, origin, deps.clock.now());
  const { pdf, pages } = await renderDutyCards(
    cards,
    q.layout as CardLayout,
    { title: `网格员明白卡-${region.name}`, author: cards[0]?.issuingOffice ?? region.name },
    skipped,
    withoutPhoto,
  );
  return { pdf, pages, cards: cards.length, skipped, withoutPhoto, fileName: `明白卡-${region.name}.pdf` };
}
