import { randomUUID } from "node:crypto";
import { findRegion, listRegionChildren } from "../../db/queries/region-queries";
import { insertEvents } from "../../db/queries/site-event-queries";
import { anySiteUnder, insertSites } from "../../db/queries/site-queries";
import type { NewSiteRow } from "../../db/schema/grid-tables";
import type { Areal } from "../../domain/geo/geometry";
import { randomPointIn } from "../../domain/geo/voronoi-grids";
import { usccCharset, usccCheckCharacter } from "../../domain/site/uscc";
import { gridLayer } from "../commands/grids/grid-layer";
import { assignmentSummary, siteRow } from "../commands/sites/create-site";
import { assignmentContext, assignSite, preloadWorkers } from "../commands/sites/site-assignment";
import type { Deps } from "../deps";
import type { DemoPlaces } from "./demo-accounts";
import { demoTownshipCache } from "./demo-grids";
import {
  enterpriseIndustries,
  enterpriseName,
  mobile,
  personName,
  type Rng,
  seeded,
  shopIndustries,
  shopName,
  shortVillage,
  venueIndustries,
  venueName,
  workshopIndustries,
  workshopName,
} from "./demo-names";

/** How many sites the demo county gets, and how many more crowd its commercial zone. */
export const demoSiteCount = 3000;
export const busyZoneSites = 300;

function uscc(r: Rng, county: string, used: Set<string>): string {
  for (;;) {
    let body = "";
    for (let i = 0; i < 9; i++) body += usccCharset[Math.floor(r.next() * 31)];
    const first17 = `9${r.pick(["1", "2", "3"])}${county}${body}`;
    const code = first17 + usccCheckCharacter(first17);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

/**
 * A few thousand sites of every kind in the demo county (issue 3 demo): enterprises with valid USCCs (some
 * state-owned, so supervised directly; state-owned gas stations stay in the grid), shops, workshops,
 * entertainment venues, households and others, with plausible names, GB/T 4754 industries, risk levels and
 * contacts. Each lies in a village grid of its township and is assigned like any registered site; a few have
 * no location, and those of the township without grids lie outside every grid.
 */
export async function demoSites(deps: Deps, places: DemoPlaces): Promise<void> {
  const county = places.county;
  if (await anySiteUnder(deps.db, county)) return;
  const townships = demoTownshipCache.get(deps.db);
  const countyName = (await findRegion(deps.db, county))?.name ?? "";
  if (!townships?.length) return;
  const r = seeded(3001);
  const used = new Set<string>();
  const villageNames = new Map<string, string>();
  for (const t of townships)
    for (const v of await listRegionChildren(deps.db, t.code)) villageNames.set(v.code, shortVillage(v.name));
  const drafts: NewSiteRow[] = [];
  const now = deps.clock.now().toISOString();
  // a busy commercial zone: many more shops than one grid's workers can patrol (staffing shows it "over")
  const busy = townships
    .flatMap((t) => t.grids.map((g) => ({ t, g })))
    .find((x) => x.g.kind === "commercial_zone");
  for (let i = 0; i < demoSiteCount + (busy ? busyZoneSites : 0); i++) {
    const dense = i >= demoSiteCount && busy;
    const t = dense ? busy.t : townships[Math.floor(r.next() * townships.length)];
    const grid = dense ? busy.g : t.grids.length ? r.pick(t.grids) : null;
    const area: Areal = grid ? (JSON.parse(grid.geojson) as Areal) : t.area;
    const [lon, lat] = randomPointIn(area, r.next);
    const regionCode = grid?.regionCode ?? t.code;
    const place = villageNames.get(regionCode) ?? t.name;
    const kind = dense
      ? r.weighted({ enterprise: 10, small_shop: 70, small_entertainment: 20 })
      : r.weighted({
          enterprise: 15,
          small_shop: 33,
          small_workshop: 12,
          small_entertainment: 7,
          household: 25,
          other: 8,
        });
    const d = draft(r, kind, { county, countyName, place, used });
    const located = r.next() > 0.02; // a few sites were registered without coordinates
    drafts.push(
      siteRow(
        randomUUID(),
        {
          ...d,
          regionCode,
          address: `${countyName}${t.name}${place === t.name ? "" : place}${Math.floor(r.next() * 200) + 1}号`,
          lon: located ? Math.round(lon * 1e6) / 1e6 : null,
          lat: located ? Math.round(lat * 1e6) / 1e6 : null,
          contactName: personName(r),
          contactPhone: mobile(r),
          status: r.weighted({ operating: 92, suspended: 5, closed: 3 }),
        },
        now,
      ),
    );
  }
  const layer = await gridLayer(deps.db);
  await deps.db.transaction().execute(async (tx) => {
    const ctx = await assignmentContext(tx, layer);
    await preloadWorkers(
      ctx,
      layer.grids.map((g) => g.id),
    );
    for (const s of drafts) Object.assign(s, assignSite(ctx, s));
    await insertSites(tx, drafts);
    await insertEvents(
      tx,
      null,
      drafts.map((s) => ({
        action: "site.registered",
        subjectType: "site",
        subjectId: s.id,
        regionCode: s.regionCode,
        data: { demo: true, assignment: assignmentSummary(s) },
      })),
      deps.clock.now(),
    );
  });
}

function draft(
  r: Rng,
  kind: string,
  p: { county: string; countyName: string; place: string; used: Set<string> },
) {
  const risk = r.weighted({ red: 3, orange: 12, yellow: 50, blue: 25, none: 10 });
  const base = {
    kind,
    uscc: null as string | null,
    scale: null as string | null,
    ownership: "other",
    riskLevel: risk === "none" ? null : risk,
    flagLarge: null,
    flagHighGrade: null,
    flagHighRisk: null,
  };
  if (kind === "enterprise") {
    const industryCode = r.pick(enterpriseIndustries);
    return {
      ...base,
      name: enterpriseName(r, p.countyName, industryCode),
      uscc: uscc(r, p.county, p.used),
      industryCode,
      scale: r.weighted({ large: 2, medium: 10, small: 50, micro: 38 }),
      ownership: r.weighted({ other: 92, central_soe: 2, provincial_soe: 3, municipal_soe: 3 }),
    };
  }
  if (kind === "small_shop") {
    const industryCode = r.pick(shopIndustries);
    return { ...base, name: shopName(r, p.place, industryCode), industryCode, scale: "micro" };
  }
  if (kind === "small_workshop") {
    const industryCode = r.pick(workshopIndustries);
    return { ...base, name: workshopName(r, p.place, industryCode), industryCode, scale: "micro" };
  }
  if (kind === "small_entertainment") {
    const industryCode = r.pick(venueIndustries);
    return { ...base, name: venueName(r, p.place, industryCode), industryCode, scale: "micro" };
  }
  if (kind === "household")
    return {
      ...base,
      name: `${p.place}${personName(r)}家`,
      industryCode: null,
      riskLevel: base.riskLevel === "red" ? "orange" : base.riskLevel,
    };
  const other = r.weighted({ gas: 3, repair: 4, homestay: 3 });
  if (other === "gas") {
    const soe = r.next() < 0.7;
    return {
      ...base,
      name: soe ? `中国石油${p.place}加油站` : `${p.place}${r.pick(["顺通", "利民", "宏达"])}加油站`,
      uscc: uscc(r, p.county, p.used),
      industryCode: "5265",
      ownership: soe ? "central_soe" : "other",
      scale: "small",
    };
  }
  if (other === "repair")
    return { ...base, name: `${p.place}${personName(r).slice(0, 1)}师傅汽修部`, industryCode: "8111" };
  return { ...base, name: `${p.place}${r.pick(["山居", "田园", "兴隆山"])}民宿`, industryCode: "6130" };
}
