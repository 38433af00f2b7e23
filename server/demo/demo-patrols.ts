import { randomUUID } from "node:crypto";
import {
  anyPatrolUnder,
  backdateDemoSites,
  insertPatrols,
  type PatrolRow,
  sitesForDemoPatrols,
} from "../../db/queries/patrol-queries";
import { insertEvents } from "../../db/queries/site-event-queries";
import { periodOf, previousPeriod } from "../../domain/patrol/patrol-period";
import { defaultPatrolPlan, frequencyOf } from "../../domain/patrol/patrol-plan";
import { checkFieldRecord } from "../../domain/schemas/field-schemas";
import type { Deps } from "../deps";
import type { DemoPlaces } from "./demo-accounts";
import { type Rng, seeded } from "./demo-names";

const notes = [
  "消防通道畅通，灭火器在有效期内",
  "液化气瓶存放规范，已提醒关闭角阀",
  "发现电线私拉乱接，已当场提醒整改",
  "仓库内堆放杂物较多，已要求清理",
  "负责人不在，已与店员核对安全制度上墙情况",
  "门店暂停营业，外观无异常",
];

/** A stable number for a string (so each grid keeps the same diligence between runs). */
const hashOf = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

/** A moment between `from` and `to`, during working hours in Shanghai (08:30–17:30). */
function workingMoment(r: Rng, from: number, to: number): number | null {
  if (to <= from) return null;
  const t = from + r.next() * (to - from);
  const dayStart = t - ((t + 8 * 3_600_000) % 86_400_000);
  const at = dayStart + (8.5 + r.next() * 9) * 3_600_000;
  return at >= from && at < to ? at : null;
}

/**
 * Patrol records of the demo county (R22), so coverage and the workers' lists are not empty: each grid has a
 * diligence between 55 % and 95 %; a site of a grid with a worker was visited in its current period and in
 * its previous one with that chance, by its worker, near the site (a few far away or with poor accuracy,
 * flagged as the server would). Sites without a worker are never visited: coverage shows them missed. The
 * demo sites' registration time is moved back a year first (the register stands for sites on the books). Each
 * check-in is one `site.patrolled` event in the trail, as the check-in route records it.
 */
export async function demoPatrols(deps: Deps, places: DemoPlaces): Promise<void> {
  if (await anyPatrolUnder(deps.db, places.county)) return;
  const now = deps.clock.now();
  // the demo register stands for sites on the books for a year (else no site could be overdue yet)
  await backdateDemoSites(deps.db, places.county, new Date(now.getTime() - 365 * 86_400_000).toISOString());
  const sites = await sitesForDemoPatrols(deps.db, places.county);
  if (sites.length === 0) return;
  const r = seeded(20261205);
  const rows: PatrolRow[] = [];
  const workersSeen = new Set<string>();
  for (const s of sites) {
    if (!s.workerId) continue;
    // each worker's first site is never visited: every worker's list shows work waiting, not only done
    if (!workersSeen.has(s.workerId)) {
      workersSeen.add(s.workerId);
      continue;
    }
    const diligence = 0.55 + (hashOf(s.gridId ?? s.regionCode) % 41) / 100;
    const f = frequencyOf(defaultPatrolPlan, s);
    const created = Date.parse(s.createdAt);
    for (const period of [previousPeriod(f, now), periodOf(f, now)]) {
      if (r.next() > diligence) continue;
      const at = workingMoment(
        r,
        Math.max(period.start.getTime(), created),
        Math.min(period.end.getTime(), now.getTime()),
      );
      if (at === null) continue;
      const far = r.next() < 0.04;
      const dx = (far ? 0.008 : 0.0004) * (r.next() - 0.5);
      const dy = (far ? 0.008 : 0.0004) * (r.next() - 0.5);
      const accuracy = Math.round(r.next() < 0.05 ? 120 + r.next() * 200 : 5 + r.next() * 25);
      const location =
        s.lon !== null && s.lat !== null ? { lng: s.lon + dx, lat: s.lat + dy, accuracy } : undefined;
      const iso = new Date(at).toISOString();
      const check = checkFieldRecord({
        clientAt: iso,
        receivedAt: iso,
        location,
        site: s.lon !== null && s.lat !== null ? { lng: s.lon, lat: s.lat } : null,
      });
      rows.push({
        id: randomUUID(),
        siteId: s.id,
        regionCode: s.regionCode,
        gridId: s.gridId,
        userId: s.workerId,
        clientAt: iso,
        receivedAt: iso,
        lng: location?.lng ?? null,
        lat: location?.lat ?? null,
        accuracy: location?.accuracy ?? null,
        mock: 0,
        distanceM: check.distanceM,
        flags: JSON.stringify(check.flags),
        note: r.next() < 0.3 ? r.pick(notes) : null,
        evidenceIds: "[]",
      });
    }
  }
  rows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  await deps.db.transaction().execute(async (tx) => {
    await insertPatrols(tx, rows);
    // one event per check-in, at its own time, by its worker (as the check-in route records it)
    for (const p of rows)
      await insertEvents(
        tx,
        { id: p.userId, role: "grid_worker" },
        [
          {
            action: "site.patrolled",
            subjectType: "site",
            subjectId: p.siteId,
            regionCode: p.regionCode,
            data: {
              patrolId: p.id,
              clientAt: p.clientAt,
              distanceM: p.distanceM,
              accuracy: p.accuracy,
              flags: JSON.parse(p.flags),
              note: p.note,
              evidenceIds: [],
            },
          },
        ],
        new Date(p.receivedAt),
      );
  });
}
