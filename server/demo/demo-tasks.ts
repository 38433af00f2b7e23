import { createHash, randomUUID } from "node:crypto";
import { insertEvidence } from "../../db/queries/case-evidence-queries";
import { sitesInScope } from "../../db/queries/case-site-queries";
import { listTaskKindRows } from "../../db/queries/task-kind-queries";
import { findTraining } from "../../db/queries/training-queries";
import { ruleOf } from "../../domain/policies/access-table";
import { attendTraining } from "../commands/tasks/attend-training";
import { attendanceToken } from "../commands/tasks/attendance-token";
import { recordTask } from "../commands/tasks/record-task";
import { createTaskKind } from "../commands/tasks/task-kinds";
import { createTraining } from "../commands/tasks/trainings";
import type { Deps } from "../deps";
import { evidenceStore } from "../storage/evidence-stores";
import type { DemoPlaces } from "./demo-accounts";
import { demoActor } from "./demo-actor";
import { pick, rnd } from "./demo-case-script";

/** A 1×1 PNG as the outreach photo (a real image the console can show). */
const photo = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const topics = [
  "冬季燃气安全",
  "电动自行车充电安全",
  "安全生产法宣传",
  "森林防火",
  "防汛避险",
  "三合一场所整治",
];
const places = ["村委会广场", "集市入口", "村小学", "农家书屋", "文化活动中心"];
const inspections: [string, string][] = [
  ["县应急管理局", "检查液化气钢瓶存放并引导到场"],
  ["县市场监管局", "协助核实经营户证照、拍照取证"],
  ["县消防救援大队", "带路并协助检查消防通道"],
  ["县住建局", "协助排查自建房安全隐患"],
];

/** Deps whose clock reads `at` (demo rows spread over the past weeks, as if sent then). */
const at = (deps: Deps, when: Date): Deps => ({ ...deps, clock: { now: () => when } });

/**
 * The demo county's outreach and task records (R14, R16, R17) and training (R19): a county-defined kind,
 * some fifty records over the past month by the demo grid worker, a session held last week with two
 * check-ins, and one next week.
 */
export async function demoTasks(deps: Deps, p: DemoPlaces): Promise<void> {
  const [county, worker, committee] = await Promise.all(
    ["county", "worker", "committee"].map((u) => demoActor(deps, u)),
  );
  if (!county || !worker || !committee) return;
  if ((await listTaskKindRows(deps.db, county, ruleOf("taskKind", "read"), { region: p.county })).length)
    return;
  const now = deps.clock.now().getTime();
  const day = 86_400_000;
  const kind = await createTaskKind(at(deps, new Date(now - 40 * day)), county, {
    regionCode: p.county,
    code: "gas_household",
    zh: "燃气入户安全检查",
    en: "Household gas check",
    fields: [
      { key: "household", label: { zh: "户主姓名", en: "Householder" }, type: "text", required: true },
      {
        key: "appliance",
        label: { zh: "燃气具类型", en: "Appliance" },
        type: "select",
        required: true,
        options: ["液化气灶", "天然气灶", "燃气热水器", "壁挂炉"],
      },
      {
        key: "hoseExpired",
        label: { zh: "软管超期或老化", en: "Hose expired" },
        type: "boolean",
        required: true,
      },
      {
        key: "alarm",
        label: { zh: "已装燃气报警器", en: "Gas alarm fitted" },
        type: "boolean",
        required: false,
      },
      { key: "note", label: { zh: "备注", en: "Note" }, type: "text", required: false },
    ],
  });
  const sites = await sitesInScope(deps.db, worker.scope, 50);
  const sha = createHash("sha256").update(photo).digest("hex");
  await evidenceStore(deps).put(sha, photo, "image/png");
  const householders = ["王桂兰", "李建军", "张秀英", "刘德胜", "陈玉梅", "杨志刚"];
  for (let i = 0; i < 48; i++) {
    const when = new Date(now - rnd() * 30 * day);
    const site = sites.length && rnd() < 0.4 ? pick(sites) : undefined;
    const loc =
      site?.lon != null && site.lat != null
        ? { lng: site.lon, lat: site.lat }
        : { lng: 104.11 + (rnd() - 0.5) * 0.04, lat: 35.84 + (rnd() - 0.5) * 0.04 };
    const location = {
      lng: loc.lng + (rnd() - 0.5) * 0.001,
      lat: loc.lat + (rnd() - 0.5) * 0.001,
      accuracy: i % 11 === 5 ? 180 : Math.round(5 + rnd() * 40),
    };
    const r = rnd();
    let body: Record<string, unknown>;
    if (r < 0.4) {
      const evidenceId = randomUUID();
      await insertEvidence(deps.db, {
        id: evidenceId,
        sha256: sha,
        fileName: "宣传现场.png",
        mimeType: "image/png",
        size: photo.length,
        uploadedBy: worker.id,
        uploadedAt: when.toISOString(),
        caseId: null,
        regionCode: p.village,
      });
      body = {
        kindCode: "outreach",
        values: {
          place: pick(places),
          audience: pick(["居民群众", "商户经营者", "学生", "企业从业人员"]),
          headcount: 10 + Math.round(rnd() * 80),
          topic: pick(topics),
        },
        evidenceIds: [evidenceId],
      };
    } else if (r < 0.7) {
      const [department, done] = pick(inspections);
      body = {
        kindCode: "assistance",
        siteId: site?.id,
        values: { department, site: site ? "本场所" : "辖区商户", done },
        evidenceIds: [],
      };
    } else {
      body = {
        kindCode: kind.code,
        values: {
          household: pick(householders),
          appliance: pick(["液化气灶", "天然气灶", "燃气热水器", "壁挂炉"]),
          hoseExpired: rnd() < 0.25,
          alarm: rnd() < 0.5,
        },
        evidenceIds: [],
      };
    }
    if (!body.siteId) delete body.siteId;
    await recordTask(at(deps, new Date(when.getTime() + rnd() * 3_600_000)), worker, {
      id: randomUUID(),
      at: when.toISOString(),
      location,
      ...body,
    });
  }
  const hall = { lng: 104.1146, lat: 35.8457 };
  const held = new Date(now - 6 * day);
  held.setUTCHours(1, 0, 0, 0);
  const past = await createTraining(at(deps, new Date(held.getTime() - 3 * day)), county, {
    title: "网格员“会检查、会记录、会报告”专题培训",
    regionCode: p.township,
    startsAt: held.toISOString(),
    endsAt: new Date(held.getTime() + 3 * 3_600_000).toISOString(),
    place: "城关镇人民政府三楼会议室",
    location: hall,
    radiusM: 300,
    trainer: "县应急管理局 赵股长",
  });
  const atTraining = new Date(held.getTime() + 10 * 60_000);
  const key = (await findTraining(deps.db, past.id))!;
  await attendTraining(at(deps, atTraining), worker, past.id, {
    id: randomUUID(),
    at: atTraining.toISOString(),
    method: "qr",
    token: attendanceToken(key.tokenKey, past.id, atTraining.getTime()),
  });
  await attendTraining(at(deps, atTraining), committee, past.id, {
    id: randomUUID(),
    at: atTraining.toISOString(),
    method: "location",
    location: { ...hall, accuracy: 18 },
  });
  const next = new Date(now + 7 * day);
  next.setUTCHours(6, 0, 0, 0);
  await createTraining(deps, county, {
    title: "冬春火灾防控与燃气安全培训",
    regionCode: p.county,
    startsAt: next.toISOString(),
    endsAt: new Date(next.getTime() + 2 * 3_600_000).toISOString(),
    place: "榆中县应急管理局培训室",
    location: { lng: 104.1125, lat: 35.8444 },
    radiusM: 200,
    trainer: "县消防救援大队 王教官",
  });
}
