import type { Role } from "../auth/roles";

/**
 * Re-check on site (issue 9, item 6): a re-checker of a field role (grid worker, committee member,
 * township station) must record where the re-check was done, and a re-check photo must be new — a photo
 * whose SHA-256 equals one already on the case (the report's, the feedback's, an earlier re-check's) is
 * the handler's photo sent back, not proof from the site.
 */
export const recheckLocationRoles: readonly Role[] = ["grid_worker", "committee_member", "township_station"];

export const recheckNeedsLocation = (role: Role): boolean => recheckLocationRoles.includes(role);

/** Which step of the case an earlier photo came with. */
export type PhotoStep = "report" | "feedback" | "recheck" | "accept_onsite" | "case";

export const photoStepLabel: Record<PhotoStep, { zh: string; en: string }> = {
  report: { zh: "上报时的照片", en: "the report's photo" },
  feedback: { zh: "整改反馈的照片", en: "the feedback's photo" },
  recheck: { zh: "此前复查的照片", en: "an earlier re-check's photo" },
  accept_onsite: { zh: "现场验收的照片", en: "the on-site acceptance's photo" },
  case: { zh: "本案已有的附件", en: "a file already on the case" },
};

/** The step a case event records its evidence for (`case.reported` -> report …). */
export const photoStepOfEvent: Record<string, PhotoStep> = {
  "case.reported": "report",
  "case.fed_back": "feedback",
  "case.rechecked": "recheck",
  "case.accepted_onsite": "accept_onsite",
};

export interface CasePhoto {
  id: string;
  sha256: string;
  fileName: string;
  uploadedAt: string;
}

export interface EarlierPhoto extends CasePhoto {
  step: PhotoStep;
}

export interface ReusedPhoto {
  /** The photo of this re-check. */
  evidenceId: string;
  fileName: string;
  /** The earlier photo of the case it equals. */
  earlier: EarlierPhoto;
}

/** The first re-check photo whose SHA-256 equals an earlier photo of the case (null when all are new). */
export function findReusedPhoto(photos: CasePhoto[], earlier: EarlierPhoto[]): ReusedPhoto | null {
  const byHash = new Map<string, EarlierPhoto>();
  for (const e of earlier) if (!byHash.has(e.sha256)) byHash.set(e.sha256, e);
  for (const p of photos) {
    const e = byHash.get(p.sha256);
    if (e) return { evidenceId: p.id, fileName: p.fileName, earlier: e };
  }
  return null;
}

/** The 422 message naming the earlier photo. */
export function reusedPhotoMessage(r: ReusedPhoto): { zh: string; en: string } {
  const label = photoStepLabel[r.earlier.step];
  return {
    zh: `复查照片“${r.fileName}”与本案${label.zh}“${r.earlier.fileName}”完全相同，请在现场重新拍摄`,
    en: `Re-check photo "${r.fileName}" is identical to ${label.en} "${r.earlier.fileName}"; take a new photo on site`,
  };
}
