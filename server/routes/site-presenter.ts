import { z } from "zod";
import type { SiteRow } from "../../db/queries/site-queries";
import type { Actor } from "../../domain/auth/actor";
import { maskName, maskPhone, siteAbilities } from "../../domain/policies/site-policy";
import { directSupervision } from "../../domain/site/direct-supervision";
import { industryLabel } from "../../domain/site/industry";
import {
  type Ownership,
  type RiskLevel,
  type SiteKind,
  type SiteScale,
  siteKindLabel,
} from "../../domain/site/site-kinds";

type Label = { zh: string; en: string };
const pickLang = (l: Label, en: boolean) => (en ? l.en : l.zh);
const bool = (v: number | null) => (v === null ? null : v === 1);
const coord = (lon: number | null, lat: number | null) => `(${lon}, ${lat})`;

function reasons(s: SiteRow) {
  const direct = directSupervision({
    ownership: s.ownership as Ownership,
    industryCode: s.industryCode,
    scale: s.scale as SiteScale | null,
    riskLevel: s.riskLevel as RiskLevel | null,
    flags: {
      large: bool(s.flagLarge) ?? undefined,
      highGrade: bool(s.flagHighGrade) ?? undefined,
      highRisk: bool(s.flagHighRisk) ?? undefined,
    },
  });
  // grids by name (the code is in the assignment's grid, shown on hover)
  const gridZh = s.gridName ? `网格“${s.gridName}”` : `网格 ${s.gridCode ?? ""}`;
  const gridEn = s.gridName ? `grid ${s.gridName}` : `grid ${s.gridCode ?? ""}`;
  const manual = { zh: `人工指定：${s.overrideReason ?? ""}`, en: `Set by hand: ${s.overrideReason ?? ""}` };
  const grid: Record<string, Label> = {
    point_in_polygon: {
      zh: `坐标 ${coord(s.lon, s.lat)} 位于${gridZh}内（按位置自动划入）`,
      en: `Location ${coord(s.lon, s.lat)} lies in ${gridEn} (assigned by location)`,
    },
    outside_grids: {
      zh: `坐标 ${coord(s.lon, s.lat)} 不在本县区任何网格内`,
      en: `Location ${coord(s.lon, s.lat)} lies in no grid of the county`,
    },
    no_location: { zh: "未填写坐标，无法按位置确定网格", en: "No location, so no grid can be found" },
    direct: direct.reason ?? { zh: "直接监管", en: "Direct supervision" },
    manual,
  };
  const worker: Record<string, Label> = {
    grid_staff: { zh: `${gridZh}的网格员`, en: `Worker of ${gridEn}` },
    no_worker: s.gridId
      ? { zh: `${gridZh}尚未配备网格员`, en: `${gridEn} has no worker yet` }
      : { zh: "未划入网格，没有网格员", en: "In no grid, so no grid worker" },
    direct: { zh: "直接监管对象不纳入网格，不配网格员", en: "Directly supervised sites have no grid worker" },
    manual,
  };
  let routed: Partial<Label> & { departmentKind?: string } = {};
  try {
    routed = JSON.parse(s.departmentReason);
  } catch {}
  const department: Record<string, Label> = {
    routing: { zh: routed.zh ?? "", en: routed.en ?? "" },
    no_rule: {
      zh: "没有适用的分工规则，请补充分工表",
      en: "No routing rule applies; extend the routing table",
    },
    no_department: {
      zh: `${routed.zh ?? ""}；但本地未设立该类部门`,
      en: `${routed.en ?? ""}; but no such department exists here`,
    },
    manual: routed.zh ? { zh: routed.zh, en: routed.en ?? routed.zh } : manual,
  };
  return {
    direct,
    grid: grid[s.gridRule],
    worker: worker[s.workerRule],
    department: department[s.departmentRule],
  };
}

/** A site as the API answers it: labels, the assignment with the rule that decided each part, abilities. */
export function presentSite(s: SiteRow, actor: Actor, en = false) {
  const abilities = siteAbilities(actor, s);
  const r = reasons(s);
  const masked = !abilities.viewContacts;
  const ind = s.industryCode ? industryLabel(s.industryCode) : null;
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    kindLabel: pickLang(siteKindLabel[s.kind as SiteKind] ?? { zh: s.kind, en: s.kind }, en),
    uscc: s.uscc,
    industryCode: s.industryCode,
    industryLabel: ind ? pickLang(ind, en) : null,
    scale: s.scale,
    ownership: s.ownership,
    riskLevel: s.riskLevel,
    flags: { large: bool(s.flagLarge), highGrade: bool(s.flagHighGrade), highRisk: bool(s.flagHighRisk) },
    regionCode: s.regionCode,
    regionName: s.regionName,
    address: s.address,
    lon: s.lon,
    lat: s.lat,
    contactName: masked ? maskName(s.contactName) : s.contactName,
    contactPhone: masked ? maskPhone(s.contactPhone) : s.contactPhone,
    legalRepresentative: masked ? maskName(s.legalRepresentative) : s.legalRepresentative,
    contactsMasked: masked,
    status: s.status,
    assignment: {
      direct: s.direct === 1,
      directRule: s.directRule,
      directReason: r.direct.reason ? pickLang(r.direct.reason, en) : null,
      grid: s.gridId ? { id: s.gridId, code: s.gridCode ?? "", name: s.gridName ?? "" } : null,
      gridRule: s.gridRule,
      gridReason: r.grid ? pickLang(r.grid, en) : "",
      worker: s.workerId ? { id: s.workerId, displayName: s.workerName ?? "" } : null,
      workerRule: s.workerRule,
      workerReason: r.worker ? pickLang(r.worker, en) : "",
      department: s.departmentId ? { id: s.departmentId, name: s.departmentName ?? "" } : null,
      departmentRule: s.departmentRule,
      departmentRuleId: s.departmentRuleId,
      departmentReason: r.department ? pickLang(r.department, en) : "",
      overrides: {
        grid: s.gridOverride === 1,
        worker: s.workerOverride === 1,
        department: s.departmentOverride === 1,
        reason: s.overrideReason,
      },
    },
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    abilities,
  };
}

const ref = z.object({ id: z.string(), name: z.string() }).nullable();
export const siteView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  uscc: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryLabel: z.string().nullable(),
  scale: z.string().nullable(),
  ownership: z.string(),
  riskLevel: z.string().nullable(),
  flags: z.object({
    large: z.boolean().nullable(),
    highGrade: z.boolean().nullable(),
    highRisk: z.boolean().nullable(),
  }),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  contactsMasked: z.boolean(),
  status: z.string(),
  assignment: z.object({
    direct: z.boolean(),
    directRule: z.string(),
    directReason: z.string().nullable(),
    grid: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    gridRule: z.string(),
    gridReason: z.string(),
    worker: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    workerRule: z.string(),
    workerReason: z.string(),
    department: ref,
    departmentRule: z.string(),
    departmentRuleId: z.string().nullable(),
    departmentReason: z.string(),
    overrides: z.object({
      grid: z.boolean(),
      worker: z.boolean(),
      department: z.boolean(),
      reason: z.string().nullable(),
    }),
  }),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), override: z.boolean(), viewContacts: z.boolean() }),
});
