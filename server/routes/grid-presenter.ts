import { z } from "zod";
import type { GridRow } from "../../db/queries/grid-queries";
import type { GridWorkerRow } from "../../db/queries/grid-worker-queries";
import type { Actor } from "../../domain/auth/actor";
import type { Areal } from "../../domain/geo/geometry";
import { gridAbilities } from "../../domain/policies/grid-policy";
import { type GridKind, gridKindLabel } from "../../domain/schemas/grid-schemas";
import type { ProblemView } from "../commands/grids/grid-geometry";
import { staffPhone } from "./grid-staff-presenter";

export function presentGridSummary(g: GridRow, actor: Actor, en = false) {
  const phone = (p: string | null) => staffPhone(actor, { regionCode: g.code }, p);
  const label = gridKindLabel[g.kind as GridKind];
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    kind: g.kind,
    kindLabel: label ? (en ? label.en : label.zh) : g.kind,
    status: g.status,
    regionCode: g.regionCode,
    townshipCode: g.townshipCode,
    townshipName: g.townshipName,
    villageCodes: JSON.parse(g.villageCodes) as string[],
    areaKm2: Math.round(g.areaM2 / 1e4) / 100,
    workerCount: g.workerCount,
    siteCount: g.siteCount,
    supervisionOfficer: g.officerName ? { name: g.officerName, phone: phone(g.officerPhone) } : null,
    contactLeader: g.leaderName ? { name: g.leaderName, phone: phone(g.leaderPhone) } : null,
    version: g.version,
    abilities: gridAbilities(actor, g),
  };
}

export function presentGrid(
  g: GridRow,
  actor: Actor,
  workers: GridWorkerRow[],
  villages: { code: string; name: string }[],
  en = false,
  warnings?: ProblemView[],
) {
  return {
    ...presentGridSummary(g, actor, en),
    geometry: JSON.parse(g.geojson) as Areal,
    bbox: [g.minLon, g.minLat, g.maxLon, g.maxLat] as [number, number, number, number],
    workers: workers.map((w) => ({
      userId: w.userId,
      displayName: w.displayName,
      phone: staffPhone(actor, { regionCode: g.code }, w.phone),
      employment: w.employment,
    })),
    villages,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    ...(warnings ? { warnings } : {}),
  };
}

const person = z.object({ name: z.string(), phone: z.string().nullable() }).nullable();
export const problemSchema = z
  .object({ code: z.string(), message: z.string(), location: z.tuple([z.number(), z.number()]) })
  .catchall(z.unknown());

export const gridSummaryView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  status: z.string(),
  regionCode: z.string(),
  townshipCode: z.string(),
  townshipName: z.string().nullable(),
  villageCodes: z.array(z.string()),
  areaKm2: z.number(),
  workerCount: z.number(),
  siteCount: z.number(),
  supervisionOfficer: person,
  contactLeader: person,
  version: z.number(),
  abilities: z.object({
    update: z.boolean(),
    staff: z.boolean(),
    split: z.boolean(),
    merge: z.boolean(),
    retire: z.boolean(),
  }),
});

export const gridView = gridSummaryView.extend({
  geometry: z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()) }),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  workers: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      phone: z.string().nullable(),
      employment: z.string(),
    }),
  ),
  villages: z.array(z.object({ code: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  warnings: z.array(problemSchema).optional(),
});
