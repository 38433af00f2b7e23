import { randomUUID } from "node:crypto";
import type { Tx } from "../../../db/db";
import { insertCase, nextCaseSeq, siteCategoryTimes } from "../../../db/queries/case-queries";
import { markCaseSeen } from "../../../db/queries/case-seen-queries";
import { findCaseSite } from "../../../db/queries/case-site-queries";
import { insertEvent } from "../../../db/queries/event-queries";
import { findRegions } from "../../../db/queries/region-queries";
import { onceInTx } from "../../../db/tx-memo";
import type { Actor } from "../../../domain/auth/actor";
import { covers } from "../../../domain/auth/actor";
import { formatCaseNumber } from "../../../domain/case/case-number";
import { canReportCase, caseAbilities } from "../../../domain/case/case-policy";
import { parseInput, reportCaseFields, reportCaseInput } from "../../../domain/case/case-schemas";
import { recurrence } from "../../../domain/case/honest-closure";
import { openCase } from "../../../domain/case/open-case";
import { AppError } from "../../../domain/errors";
import { isRegionCode } from "../../../domain/region/region-code";
import { caseIndustryOf } from "../../../domain/site/industry";
import { chainOf } from "../../../domain/trail/trail-root";
import type { Deps } from "../../deps";
import { evidenceStore } from "../../storage/evidence-stores";
import { sealTrailSoon } from "../../trail/seal-trail";
import { attachChecked, checkEvidence } from "../evidence/holder-evidence";
import { notifyCase } from "../notifications/notify-case";
import type { ActionResult } from "./act-on-case";
import { chinaYear, noLeadDepartment } from "./case-checks";
import { deadlineOfFor } from "./case-deadlines";
import { caseSettings } from "./case-settings";
import { tallyCaseStep } from "./case-step-tally";
import { categoryKey, taxonomyOf } from "./case-taxonomy";
import { type Outcome, requestHash, runIdempotent } from "./idempotent";
import { type Names, presentCase } from "./present-case";
import { departmentsOfCounty, suggestDepartmentFor } from "./suggest-department";

const bad = (path: string, zh: string, en: string) =>
  new AppError("validation_failed", { zh, en, details: { issues: [{ path, message: zh }] } });

/**
 * A report that comes from the public (a tip): no signed-in reporter, so no jurisdiction check, no reporter
 * on the case or the trail. `check` runs first inside the (group-committed) transaction — what it throws
 * refuses this report alone — so a tip reads nothing outside the batch it joins; `store` writes the tip's
 * own rows in the same transaction.
 */
export interface PublicIntake {
  check?: (tx: Tx) => Promise<void>;
  store: (tx: Tx, caseId: string, now: Date) => Promise<void>;
}

/** Recurrence window and threshold: by default the same site and category 3 times within 90 days escalates. */
export const recurrenceRule = {
  windowDays: caseSettings.recurrenceWindowDays,
  threshold: caseSettings.recurrenceThreshold,
};

/**
 * Reports a case: validates, derives region, grid and location from the site (or takes the reported
 * location and region), numbers it, sets the lead department as owner and the triage deadline, suggests
 * the department, escalates major hazards and recurring problems, records `case.reported` and notifies.
 */
export async function reportCase(
  deps: Deps,
  actor: Actor,
  raw: unknown,
  opts: {
    idempotencyKey?: string;
    en?: boolean;
    publicIntake?: PublicIntake;
    /** The reporter's seen marker of the new case is set in the same transaction (see `ActOptions`). */
    markSeen?: boolean;
  } = {},
): Promise<Outcome<ActionResult>> {
  const { regionCode: rawRegion, ...rest } = (raw ?? {}) as Record<string, unknown>;
  const intake = opts.publicIntake;
  const input = parseInput(intake ? reportCaseFields : reportCaseInput, rest);
  const key = input.idempotencyKey ?? opts.idempotencyKey;
  const idem = key ? { key, hash: requestHash("case.report", raw) } : null;
  // The chain is known beforehand when the region is given (a site's region is read in the transaction).
  const hint = !input.siteId && typeof rawRegion === "string" ? [chainOf(rawRegion.trim())] : [];
  const outcome = await runIdempotent(
    deps,
    actor,
    idem,
    async (tx) => {
      await intake?.check?.(tx);
      const now = deps.clock.now();
      const site = input.siteId ? await findCaseSite(tx, input.siteId) : undefined;
      if (input.siteId && (!site || !covers(actor, site.regionCode)))
        throw bad("siteId", "场所不存在或不在辖区内", "Site not found in your jurisdiction");
      const regionCode = site?.regionCode ?? (typeof rawRegion === "string" ? rawRegion.trim() : undefined);
      if (!regionCode) throw bad("regionCode", "请选择问题所在的乡镇或村（社区）", "Choose the region");
      const region =
        isRegionCode(regionCode) && regionCode.length >= 6
          ? (await onceInTx(tx, `region:${regionCode}`, () => findRegions(tx, [regionCode])))[0]
          : undefined;
      if (!region) throw bad("regionCode", "行政区划代码无效", "Invalid region code");
      if (!intake && !canReportCase(actor, regionCode))
        throw new AppError("forbidden", {
          zh: "不能在辖区外或以当前角色上报案件",
          en: "You may not report here",
        });
      const county = regionCode.slice(0, 6);
      // The active categories of the county's taxonomy (read once per transaction, like the departments).
      const category = (await taxonomyOf(tx, county)).find((c) => c.code === input.category && c.active);
      if (!category) throw bad("category", "行业类别不存在", "Unknown category");
      const lead = (await departmentsOfCounty(tx, county)).find((d) => d.gridRole === "lead");
      if (!lead) throw noLeadDepartment();
      const evidence = await checkEvidence(tx, evidenceStore(deps, tx), actor, input.evidenceIds, {
        caseId: null,
      });
      const recordedBy = intake ? null : actor;
      let recurring = false;
      if (input.siteId) {
        const since = new Date(now.getTime() - recurrenceRule.windowDays * 86_400_000).toISOString();
        const times = [
          ...(await siteCategoryTimes(tx, input.siteId, input.category, since)),
          now.toISOString(),
        ];
        recurring = recurrence(times, now, recurrenceRule.windowDays, recurrenceRule.threshold);
      }
      const id = randomUUID();
      const confidential = input.source === "public_tip" || input.source === "hotline";
      const siteLocation =
        site && site.lng !== null && site.lat !== null ? { lng: site.lng, lat: site.lat } : null;
      const { kase, event } = openCase(
        input,
        {
          id,
          number: "",
          regionCode,
          gridCode: site?.gridCode ?? null,
          location: siteLocation ?? input.location ?? null,
          leadDepartmentId: lead.id,
          reporterId: confidential ? null : actor.id,
          recurring,
        },
        { now, deadlineOf: await deadlineOfFor(deps, tx, regionCode), addressOnly: !!intake },
      );
      const suggestion = await suggestDepartmentFor(tx, kase, [], site);
      kase.suggestedDepartmentId = suggestion?.departmentId ?? null;
      // Locks from here to the commit are kept short: the county's number row, then the trail (last).
      kase.number = formatCaseNumber(county, chinaYear(now), await nextCaseSeq(tx, county, chinaYear(now)));
      const row = await insertCase(tx, kase, {
        countyCode: county,
        recurring,
        escalationLevel: kase.escalated ? 6 : null,
        at: now.toISOString(),
      });
      await attachChecked(tx, evidence, { caseId: id }, regionCode);
      // The industry the report is counted under (the dashboards' hazards by industry), kept in its event too.
      const industry = caseIndustryOf(site?.industryCode);
      await tallyCaseStep(
        deps,
        tx,
        { ...kase, industry },
        { action: "report", at: now.toISOString(), due: null, recurring },
      );
      await notifyCase(tx, {
        kase,
        kind: "case.reported",
        at: now,
        actorId: recordedBy?.id ?? null,
        data: { to: "reported" },
      });
      if (kase.escalated)
        await notifyCase(tx, {
          kase,
          kind: "case.escalated",
          at: now,
          actorId: recordedBy?.id ?? null,
          escalationLevel: 6,
          data: { recurring, listedForSupervision: kase.type === "major_hazard" },
        });
      const { idempotencyKey: _k, ...data } = event.data;
      await intake?.store(tx, id, now);
      const ev = await insertEvent(
        tx,
        recordedBy,
        {
          action: "case.reported",
          subjectType: "case",
          subjectId: id,
          regionCode,
          data: {
            ...data,
            from: null,
            to: "reported",
            comment: null,
            number: kase.number,
            regionCode,
            industry,
            evidence: evidence.map((e) => ({ id: e.id, sha256: e.sha256 })),
            suggestion: suggestion
              ? { departmentId: suggestion.departmentId, explanation: suggestion.explanation.zh }
              : null,
          },
        },
        now,
      );
      if (input.siteId)
        await insertEvent(
          tx,
          actor,
          {
            action: "site.case_reported",
            subjectType: "site",
            subjectId: input.siteId,
            regionCode,
            data: { caseId: id, number: kase.number, category: kase.category, type: kase.type },
          },
          now,
        );
      if (opts.markSeen && !intake) await markCaseSeen(tx, actor.id, id, now.toISOString());
      // The answer is built from what this command already knows (no re-reading).
      const names: Names = {
        departments: new Map([
          [lead.id, lead.name],
          ...(suggestion ? ([[suggestion.departmentId, suggestion.departmentName]] as const) : []),
        ]),
        users: new Map([[actor.id, actor.displayName]]),
        regions: new Map([[region.code, region.name]]),
        sites: new Map(site ? [[site.id, site.name]] : []),
        categories: new Map([[categoryKey(regionCode, category.code), category]]),
      };
      const body: ActionResult = {
        case: presentCase(row, names, now, opts.en ?? false),
        abilities: caseAbilities(actor, kase),
        event: { id: ev.id, action: "case.reported", from: null, to: "reported", at: now.toISOString() },
      };
      return { status: 201, body };
    },
    hint,
  );
  // A major hazard's report is witnessed outside the database at once, not at the next job pass.
  if (!outcome.replay && outcome.body.case.type === "major_hazard") sealTrailSoon(deps);
  return outcome;
}
