import { patrolFrequencyLabel } from "../../../../domain/patrol/patrol-frequency";
import { Card, Empty, formatTime, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { pick, t } from "../i18n/i18n";
import { useOutbox } from "../outbox/outbox";
import { navigate } from "../router";
import type { OutboxItem } from "../store/db";
import { riskLabel } from "./labels";

/** GET /patrols/mine (server/routes/patrol-routes.ts). */
export interface PatrolsMine {
  serverTime: string;
  period: { from: string; to: string; lastDay: string };
  items: PatrolItem[];
}
export interface PatrolItem {
  siteId: string;
  siteName: string;
  address: string;
  riskLevel: string | null;
  kind: string;
  frequency: keyof typeof patrolFrequencyLabel;
  dueBy: string;
  status: "due" | "overdue" | "done";
  lastVisitAt: string | null;
}

/** `MM-DD` of a `YYYY-MM-DD` date. */
const day = (date: string) => date.slice(5);

/** Check-ins on the phone newer than the server's list: waiting to be sent, or sent since it was fetched. */
export function localCheckIns(outbox: OutboxItem[], fetchedAt: string | undefined) {
  const out = new Map<string, "waiting" | "sent">();
  for (const i of outbox) {
    if (i.kind !== "check-in" || i.status === "failed") continue;
    const siteId = i.body.siteId as string;
    if (i.status !== "sent") out.set(siteId, "waiting");
    else if (!fetchedAt || (i.sentAt ?? i.createdAt) > fetchedAt) out.set(siteId, out.get(siteId) ?? "sent");
  }
  return out;
}

/** What the plan asks of a site now, in one line (with a check-in still on the phone counted). */
export function patrolNote(item: PatrolItem, local?: "waiting" | "sent"): string {
  const freq = pick(patrolFrequencyLabel[item.frequency], item.frequency);
  if (local === "waiting") return t("patrol.noteWaiting", { freq });
  if (item.status === "done" || local === "sent")
    return t("patrol.noteDone", {
      when: item.lastVisitAt && !local ? t("patrol.noteDoneAt", { time: formatTime(item.lastVisitAt) }) : "",
      freq,
    });
  if (item.status === "overdue") return t("patrol.noteOverdue", { day: day(item.dueBy), freq });
  return t("patrol.noteDue", { day: day(item.dueBy), freq });
}

function Row({ item, local }: { item: PatrolItem; local?: "waiting" | "sent" }) {
  return (
    <Card onClick={() => navigate(`/sites/${item.siteId}`)} testId={`patrol-${item.status}`}>
      <div className="row-title">
        <span className={`risk-dot risk-${item.riskLevel}`} />
        {item.siteName}
      </div>
      <div className="row-sub">{riskLabel(item.riskLevel)}</div>
      <div className={`row-sub${item.status === "overdue" && !local ? " text-danger" : ""}`}>
        {patrolNote(item, local)}
      </div>
    </Card>
  );
}

/**
 * 巡查任务 (R22): my sites by what the patrol plan asks — overdue, due this week, due later, done this period
 * — from the phone's copy of GET /patrols/mine; a check-in made offline counts at once ("等待发送").
 * A tap opens the site, where the check-in is.
 */
export function Patrols() {
  const list = useCachedList<PatrolsMine>("patrols", "/patrols/mine");
  const outbox = useOutbox();
  if (list.status === "unavailable") return <Empty>{t("patrol.unavailable")}</Empty>;
  if (!list.data) return list.status === "loading" ? null : <Empty>{t("patrol.missing")}</Empty>;
  const local = localCheckIns(outbox, list.fetchedAt);
  const weekEnd = list.data.period.lastDay;
  const open = list.data.items.filter((i) => i.status !== "done" && !local.has(i.siteId));
  const groups: [string, string, PatrolItem[]][] = [
    ["overdue", t("patrol.groupOverdue"), open.filter((i) => i.status === "overdue")],
    [
      "week",
      t("patrol.groupWeek", { day: day(weekEnd) }),
      open.filter((i) => i.status === "due" && i.dueBy <= weekEnd),
    ],
    ["later", t("patrol.groupLater"), open.filter((i) => i.status === "due" && i.dueBy > weekEnd)],
    [
      "done",
      t("patrol.groupDone"),
      list.data.items.filter((i) => i.status === "done" || local.has(i.siteId)),
    ],
  ];
  return (
    <div className="screen" data-testid="patrols-screen">
      {list.status === "cached" ? (
        <Notice kind="info">{t("common.cachedAt", { time: formatTime(list.fetchedAt) })}</Notice>
      ) : null}
      {groups.map(([key, title, items]) =>
        items.length ? (
          <section key={key} data-testid={`patrols-${key}`}>
            <div className="section-title">
              {title} · {items.length}
            </div>
            {items.map((i) => (
              <Row key={i.siteId} item={i} local={local.get(i.siteId)} />
            ))}
          </section>
        ) : null,
      )}
      {list.data.items.length === 0 ? <Empty>{t("patrol.none")}</Empty> : null}
    </div>
  );
}
