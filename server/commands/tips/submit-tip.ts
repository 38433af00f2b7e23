import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { findRegions } from "../../../db/queries/region-queries";
import { insertTip, insertTipInformant } from "../../../db/queries/tip-queries";
import type { TipChannel } from "../../../db/schema/tip-tables";
import { onceInTx } from "../../../db/tx-memo";
import type { Actor } from "../../../domain/auth/actor";
import { parseInput } from "../../../domain/case/case-schemas";
import { AppError } from "../../../domain/errors";
import { type TipKind, tipKinds } from "../../../domain/tip/tip-kinds";
import { maxTipPhotos, tipInput } from "../../../domain/tip/tip-schemas";
import type { Deps } from "../../deps";
import { noLeadDepartment } from "../cases/case-checks";
import { reportCase } from "../cases/report-case";
import { departmentsOfCounty } from "../cases/suggest-department";
import { uploadEvidence } from "../cases/upload-evidence";
import { inBoundary, provinceCounties, storedBoundary } from "../regions/boundary-cache";
import { consumeChallenge } from "./proof-of-work";
import { stripPhotoMetadata } from "./strip-metadata";
import { newTrackingCode, sealIdentity, trackingHash } from "./tip-crypto";

/**
 * Who files a public tip: nobody signed in. Its uploads carry this id (so only the same request can attach
 * them); the case and the trail record no reporter at all.
 */
export const publicInformant: Actor = {
  id: "public_tip",
  username: "public_tip",
  displayName: "群众举报",
  role: "grid_worker",
  scope: [],
  departmentId: null,
};

const bad = (path: string, zh: string, en: string) =>
  new AppError("validation_failed", { zh, en, details: { issues: [{ path, message: zh }] } });

/**
 * Whether a point lies in the region's county as stored (an imported boundary of the county, its city or its
 * province), else in one of the province's committed county polygons (db/data/boundaries), else in China.
 * Parsed boundaries are cached (server/commands/regions/boundary-cache.ts): a tip reads only their stamps.
 */
async function insideServedArea(db: Tx, code: string, lng: number, lat: number): Promise<boolean> {
  const c = (n: number) => code.slice(0, n);
  const stored = await storedBoundary(db, [...new Set([c(6), c(4), `${c(4)}00`, c(2), `${c(2)}0000`])]);
  if (stored) return inBoundary(stored, lng, lat);
  const counties = await provinceCounties(c(2));
  if (counties.length) return counties.some((b) => inBoundary(b, lng, lat));
  return lng >= 73 && lng <= 135.1 && lat >= 18 && lat <= 53.6;
}

const outside = () =>
  bad("location", "标注的位置不在本地区范围内，请重新标注或填写地址", "The location is outside the region");

/** The tip's region exists, its county has a lead department, and its location (if any) lies in the area. */
async function checkPlace(db: Tx, input: TipIntake): Promise<void> {
  const code = input.regionCode;
  const [region] = await onceInTx(db, `region:${code}`, () => findRegions(db, [code]));
  if (!region) throw bad("regionCode", "所选乡镇（街道）不存在", "Unknown region");
  if (!(await departmentsOfCounty(db, code.slice(0, 6))).some((d) => d.gridRole === "lead"))
    throw noLeadDepartment();
  if (input.location && !(await insideServedArea(db, code, input.location.lng, input.location.lat)))
    throw outside();
}

/** A tip as every channel hands it over (the page, an Open311 client, a forwarding platform). */
export interface TipIntake {
  kind: TipKind;
  description: string;
  /** A township or village code (the page), or the county's code when the sender knows no finer region. */
  regionCode: string;
  address?: string;
  location?: { lng: number; lat: number };
  happenedAt?: string;
  /** A real-name informant's name and contact (sealed apart from the tip). */
  identity?: { name: string; phone: string };
  channel?: TipChannel;
  clientId?: string;
  externalNumber?: string;
}

/**
 * Files a public tip (R28): checks the proof of work and the fields, then `fileTip`. Answers the tracking
 * code (shown once) and the case number.
 */
export async function submitTip(
  deps: Deps,
  fields: Record<string, unknown>,
  photos: { fileName: string; data: Buffer }[],
): Promise<{ code: string; number: string }> {
  const input = parseInput(tipInput, fields);
  consumeChallenge(deps.config, input.challenge, input.nonce, deps.clock.now());
  if (photos.length > maxTipPhotos)
    throw bad("photos", `最多上传 ${maxTipPhotos} 张照片`, `At most ${maxTipPhotos} photos`);
  const { code, number } = await fileTip(
    deps,
    {
      kind: input.kind,
      description: input.description,
      regionCode: input.regionCode,
      ...(input.address ? { address: input.address } : {}),
      ...(input.location ? { location: input.location } : {}),
      ...(input.happenedAt ? { happenedAt: input.happenedAt } : {}),
      ...(!input.anonymous && input.name && input.phone
        ? { identity: { name: input.name, phone: input.phone } }
        : {}),
    },
    photos,
  );
  return { code, number };
}

/**
 * Files a tip from any channel: checks the region (with a lead department) and the location (inside the
 * stored boundary, else inside China), strips the photos' metadata, stores them, and opens the case (source
 * "public tip", or "hotline" for a forwarding platform; stage reported, no reporter) with the tip, its
 * tracking-code hash and the sealed identity in the same transaction. Nothing about the sender's address or
 * browser is kept.
 */
export async function fileTip(
  deps: Deps,
  input: TipIntake,
  photos: { fileName: string; data: Buffer }[] = [],
): Promise<{ code: string; number: string; caseId: string; tipId: string }> {
  // Checked inside the tip's transaction (tips arriving together share one commit: write-batch.ts), and
  // before that as well when there are photos, so that a refused tip stores none.
  const check = (db: Tx) => checkPlace(db, input);
  if (photos.length) await check(deps.db);
  const stripped = photos.map((p) => ({
    fileName: `照片${photos.indexOf(p) + 1}`,
    data: stripPhotoMetadata(p.data).data,
  }));
  const evidence = stripped.length ? await uploadEvidence(deps, publicInformant, stripped) : [];
  const kind = tipKinds[input.kind];
  const code = newTrackingCode();
  const tipId = randomUUID();
  const description = input.address ? `${input.description}\n（地点：${input.address}）` : input.description;
  const county = input.regionCode.slice(0, 6);
  // Hashed and sealed before the transaction: the batch it joins holds the writer for as short as can be.
  const hash = trackingHash(code);
  const sealed = input.identity ? sealIdentity(deps.config, tipId, JSON.stringify(input.identity)) : null;
  let caseId = "";
  const outcome = await reportCase(
    deps,
    publicInformant,
    {
      source: input.channel === "hotline" ? "hotline" : "public_tip",
      type: kind.type,
      category: kind.category,
      description,
      regionCode: input.regionCode,
      ...(input.location ? { location: input.location } : {}),
      evidenceIds: evidence.map((e) => e.id),
    },
    {
      publicIntake: {
        check,
        store: async (tx, id, at) => {
          caseId = id;
          await insertTip(tx, {
            id: tipId,
            trackingHash: hash,
            caseId: id,
            countyCode: county,
            kind: input.kind,
            address: input.address ?? null,
            happenedAt: input.happenedAt ? new Date(input.happenedAt).toISOString() : null,
            realName: input.identity ? 1 : 0,
            createdAt: at.toISOString(),
            channel: input.channel ?? "web",
            clientId: input.clientId ?? null,
            externalNumber: input.externalNumber ?? null,
          });
          if (sealed) await insertTipInformant(tx, { tipId, sealed });
        },
      },
    },
  );
  return { code, number: outcome.body.case.number, caseId, tipId };
}
