import { createHash, randomUUID } from "node:crypto";
import { insertEvidence } from "../../db/queries/case-evidence-queries";
import { setDeadlineState } from "../../db/queries/case-job-queries";
import { countyDepartments } from "../../db/queries/case-lookup-queries";
import { anyCaseInCounty, insertCase, nextCaseSeq } from "../../db/queries/case-queries";
import { sitesInScope } from "../../db/queries/case-site-queries";
import { insertEvent } from "../../db/queries/event-queries";
import { findBoundary, regionCodesUnder } from "../../db/queries/region-queries";
import { findUserByUsername } from "../../db/queries/user-queries";
import type { Role } from "../../domain/auth/roles";
import { formatCaseNumber } from "../../domain/case/case-number";
import type { Case, CaseAction } from "../../domain/case/case-types";
import { deadlineFor, defaultDeadlineRules } from "../../domain/case/deadline-rules";
import { openCase } from "../../domain/case/open-case";
import type { Areal } from "../../domain/geo/geometry";
import { pointInPolygon } from "../../domain/geo/point-in-polygon";
import { caseIndustryOf } from "../../domain/site/industry";
import { chinaYear } from "../commands/cases/case-checks";
import { notifyCase } from "../commands/notifications/notify-case";
import type { Deps } from "../deps";
import { evidenceStore } from "../storage/evidence-stores";
import type { DemoPlaces } from "./demo-accounts";
import { CaseScript, pick, rnd, type SimEvent, type Who } from "./demo-case-script";

/** A 1×1 PNG: the demo's feedback photo (a real image the console can show). */
const photo = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const problems: [string, string][] = [
  ["gas", "餐馆后厨液化气钢瓶存放在地下室，未安装燃气报警器"],
  ["fire", "小商铺疏散通道堆放货物，灭火器过期"],
  ["three_smalls", "小作坊生产区与住宿区未分隔，存在“三合一”现象"],
  ["electricity", "厂房内电线私拉乱接，配电箱无防护"],
  ["hazardous_chemicals", "加油站卸油口附近堆放杂物，静电接地装置损坏"],
  ["construction", "建筑工地脚手架未设安全网，临边无防护"],
  ["special_equipment", "电梯超期未检验仍在使用"],
  ["road_transport", "农村客运车辆超员，驾驶员未持证"],
  ["self_built_housing", "自建房改作民宿，墙体出现明显裂缝"],
  ["fireworks", "门店违规储存烟花爆竹"],
];
/** Stage targets and how many cases reach each (≈300 in all). */
const plan: [string, number][] = [
  ["reported", 30],
  ["triaged", 20],
  ["returned", 6],
  ["dispatched", 30],
  ["handling", 62],
  ["parked", 8],
  ["awaiting_recheck", 30],
  ["rechecked", 12],
  ["closed", 70],
  ["reworked", 12],
  ["rejected", 15],
  ["merged", 4],
];

/** The demo county's closed loop: a few hundred cases over every stage, some overdue, one major hazard listed. */
export async function demoCases(deps: Deps, places: DemoPlaces): Promise<void> {
  const county = places.county;
  if (await anyCaseInCounty(deps.db, county)) return;
  const user = async (name: string) => {
    const u = await findUserByUsername(deps.db, name);
    return u ? { id: u.id, role: u.role as Role, departmentId: u.departmentId } : undefined;
  };
  const [worker, lead, market, station, countyOffice] = await Promise.all(
    ["worker", "lead", "market", "station", "county"].map(user),
  );
  if (!worker || !lead || !market || !station || !countyOffice) return;
  const departments = await countyDepartments(deps.db, county);
  const leadDep = departments.find((d) => d.gridRole === "lead");
  if (!leadDep) return;
  const others = departments.filter((d) => d.id !== leadDep.id && d.id !== market.departmentId);
  const villages = (await regionCodesUnder(deps.db, places.township)).filter((c) => c.length === 12);
  const sites = await sitesInScope(deps.db, [places.township], 500);
  const boundary = await findBoundary(deps.db, county);
  const geom = boundary ? (JSON.parse(boundary.geojson) as { geometry?: Areal } & Areal) : null;
  const area = geom?.geometry ?? geom;
  const coords = area ? (JSON.stringify(area.coordinates).match(/-?\d+\.?\d*/g) ?? []).map(Number) : [];
  const xs = coords.filter((_, i) => i % 2 === 0);
  const ys = coords.filter((_, i) => i % 2 === 1);
  const box = xs.length
    ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
    : [104.06, 35.79, 104.16, 35.89];
  const pointIn = () => {
    for (let i = 0; i < 200 && area; i++) {
      const p = { lng: box[0] + rnd() * (box[2] - box[0]), lat: box[1] + rnd() * (box[3] - box[1]) };
      if (pointInPolygon(p.lng, p.lat, area)) return p;
    }
    return { lng: 104.11 + (rnd() - 0.5) * 0.1, lat: 35.84 + (rnd() - 0.5) * 0.1 };
  };
  const now = deps.clock.now();
  const rules = defaultDeadlineRules;
  const deadlineOf = (k: Case, stage: Case["stage"], from: Date) =>
    deadlineFor(rules, k, stage, from, deps.calendar);
  const sha = createHash("sha256").update(photo).digest("hex");
  // The demo's photo goes to the configured evidence store, like an upload (its rows reference it below).
  await evidenceStore(deps).put(sha, photo, "image/png");
  const events: SimEvent[] = [];
  const finals: { kase: Case; level: number | null; state: string; last: string }[] = [];
  const targets = plan.flatMap(([t, n]) => Array.from({ length: n }, () => t));
  targets.push("major");

  await deps.db.transaction().execute(async (tx) => {
    for (const target of targets) {
      const [category, description] = pick(problems);
      const site = sites.length && rnd() < 0.7 ? pick(sites) : null;
      const location = site?.lon != null && site.lat != null ? { lng: site.lon, lat: site.lat } : pointIn();
      const regionCode = site?.regionCode ?? (villages.length ? pick(villages) : places.village);
      const fresh = target === "reported" && rnd() < 0.5;
      const at = new Date(now.getTime() - (fresh ? rnd() * 2 : 24 + rnd() * 24 * 70) * 3_600_000);
      const type = target === "major" ? "major_hazard" : rnd() < 0.2 ? "violation" : "general_hazard";
      const seq = await nextCaseSeq(tx, county, chinaYear(at));
      const opened = openCase(
        {
          source: pick(["grid_worker", "patrol", "committee_member"]),
          type,
          category,
          description,
          siteId: site?.id,
          location,
        },
        {
          id: randomUUID(),
          number: formatCaseNumber(county, chinaYear(at), seq),
          regionCode,
          gridCode: site?.gridCode ?? null,
          location,
          leadDepartmentId: leadDep.id,
          reporterId: worker.id,
        },
        { now: at, deadlineOf },
      );
      // as the intake does (report-case.ts): the report carries its site's industry (hazards by industry)
      const reportData = { ...opened.event.data, industry: caseIndustryOf(site?.industryCode) };
      const sim = new CaseScript(opened.kase, at, now, deadlineOf, events, worker, reportData);
      const step = (action: CaseAction, actor: Who, input: Record<string, unknown>) =>
        sim.step(action, actor, input);
      const owner = target === "handling" && rnd() < 0.3 ? leadDep.id : market.departmentId!;
      const handler = owner === leadDep.id ? lead : market;
      const rechecker = owner !== leadDep.id && regionCode === places.village ? worker : station;
      const feedback = async () => {
        const id = randomUUID();
        await insertEvidence(tx, {
          id,
          sha256: sha,
          fileName: "整改后照片.png",
          mimeType: "image/png",
          size: photo.length,
          uploadedBy: handler.id,
          uploadedAt: sim.advance().toISOString(),
          caseId: sim.kase.id,
          regionCode,
        });
        step("feedback", handler, { result: "fixed", note: "已按要求整改完毕", evidenceIds: [id] });
      };
      if (target === "rejected") step("reject", lead, { reason: "经核实不属于安全生产问题" });
      else if (target === "merged" && finals.length) step("merge", lead, { targetCaseId: finals[0].kase.id });
      else if (target !== "reported") {
        step("triage", lead, { type, category });
        if (target === "returned") {
          step("dispatch", lead, { departmentId: market.departmentId });
          step("return", market, {
            reason: "不属于本部门职责范围，请重新派送",
            suggestedDepartmentId: pick(others).id,
          });
        } else if (target !== "triaged") {
          step("dispatch", lead, {
            departmentId:
              target === "dispatched" ? pick([...others, { id: market.departmentId! }]).id : owner,
          });
          if (target !== "dispatched") {
            step("accept", handler, {});
            if (target === "major")
              step("submit_plan", handler, {
                plan: {
                  objectives: "消除重大事故隐患",
                  measures: "停产整顿，更换储罐阀门，增设泄漏报警",
                  fundsMaterials: "企业自筹 45 万元",
                  responsiblePeople: "企业主要负责人及安全总监",
                  timeLimit: new Date(now.getTime() + 40 * 86_400_000).toISOString().slice(0, 10),
                  safetyMeasures: "整改期间停止使用储罐区，制定专项应急预案",
                },
              });
            if (target === "parked") {
              step("request_park", handler, { reason: "需待专项资金下达后实施整改，已采取临时管控措施" });
              step("approve_park", countyOffice, { note: "同意挂账，限期整改" });
            }
            if (["awaiting_recheck", "rechecked", "closed", "reworked"].includes(target)) await feedback();
            if (target === "reworked") {
              step("recheck", rechecker, { passed: false, note: "现场复查仍未整改到位", location });
              await feedback();
            }
            if (["rechecked", "closed", "reworked"].includes(target))
              step("recheck", rechecker, { passed: true, location });
            if (target === "closed" || target === "reworked") step("close", lead, {});
          }
        }
      }
      sim.finish();
      finals.push({ kase: sim.kase, level: sim.level, state: sim.state, last: sim.last });
    }
    for (const f of finals) {
      await insertCase(tx, f.kase, {
        countyCode: county,
        recurring: false,
        escalationLevel: f.level,
        at: f.kase.reportedAt,
      });
      await setDeadlineState(tx, [f.kase.id], f.kase.deadline ? f.state : "none");
    }
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const e of events) {
      await insertEvent(
        tx,
        e.actor,
        {
          action: e.action,
          subjectType: "case",
          subjectId: e.kase.id,
          regionCode: e.kase.regionCode,
          data: e.data,
        },
        e.at,
      );
      // as the intake does (report-case.ts): a case reported at a site is also on the site's file
      if (e.action === "case.reported" && e.kase.siteId)
        await insertEvent(
          tx,
          e.actor,
          {
            action: "site.case_reported",
            subjectType: "site",
            subjectId: e.kase.siteId,
            regionCode: e.kase.regionCode,
            data: { caseId: e.kase.id, number: e.kase.number, category: e.kase.category, type: e.kase.type },
          },
          e.at,
        );
    }
    for (const f of finals)
      await notifyCase(tx, { kase: f.kase, kind: f.last, at: now, actorId: null, escalationLevel: f.level });
  });
}
