import { firstCaseInStage } from "../../db/queries/case-queries";
import { findOrgByName } from "../../db/queries/provider-queries";
import { firstSitesUnder } from "../../db/queries/site-queries";
import { findUserByUsername } from "../../db/queries/user-queries";
import { shanghaiDate } from "../../domain/calendar/shanghai-time";
import { createEngagement } from "../commands/provider/engagements";
import { addServiceExpert, createServiceOrg } from "../commands/provider/service-orgs";
import type { DemoStep } from "./create-demo";
import { demoActor } from "./demo-actor";

export const demoOrgName = "甘肃安信安全技术服务有限公司";

const dayMs = 86_400_000;
const dayOf = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/**
 * A third-party service organisation of the demo county (R27) with two experts — 郑工 (the `provider` account,
 * qualification valid) and one whose qualification has expired — and an active engagement of 郑工 by the county
 * office: assess three demo sites and guide one open case, so signing in as `provider` shows work.
 */
export const demoProviders: DemoStep = async (deps, places) => {
  const county = await demoActor(deps, "county");
  const provider = await findUserByUsername(deps.db, "provider");
  if (!county || !provider) return;
  const existing = await findOrgByName(deps.db, demoOrgName);
  if (existing) return;
  const today = shanghaiDate(deps.clock.now());
  const org = await createServiceOrg(deps, county, {
    regionCode: places.county,
    name: demoOrgName,
    uscc: "91620100MA74A1B2C3",
    qualification: "安全评价机构资质证书 APJ-（甘）-0123",
    contactName: "郑工",
    contactPhone: "13919000001",
  });
  const zheng = await addServiceExpert(deps, county, org.id, {
    name: provider.displayName.replace(/^第三方机构\s*/, "") || "郑工",
    userId: provider.id,
    qualification: "注册安全工程师（化工安全）",
    certificateNo: "ZA2023620100123",
    validFrom: dayOf(today, -400),
    validUntil: dayOf(today, 3 * 365),
  });
  await addServiceExpert(deps, county, org.id, {
    name: "钱工",
    userId: null,
    qualification: "注册安全工程师（其他安全）",
    certificateNo: "ZA2019620100456",
    validFrom: dayOf(today, -5 * 365),
    validUntil: dayOf(today, -30),
  });
  const sites = await firstSitesUnder(deps.db, places.county, 3);
  const kase = await firstCaseInStage(deps.db, places.county, "handling");
  if (!sites.length && !kase) return;
  await createEngagement(deps, county, {
    expertId: zheng.id,
    regionCode: places.county,
    title: "重点场所风险评估与隐患整改指导",
    startsOn: dayOf(today, -7),
    endsOn: dayOf(today, 90),
    siteIds: sites.map((s) => s.id),
    caseIds: kase ? [kase.id] : [],
  });
};
