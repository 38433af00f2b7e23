import { useState } from "react";
import { Button, Card, Empty, Notice } from "../components/ui";
import { distanceM, formatDistance } from "../geo/geo";
import { useCachedList } from "../hooks/use-cached-list";
import { usePosition } from "../hooks/use-position";
import { enqueue, useOutbox } from "../outbox/outbox";
import { navigate } from "../router";
import { isQuotaError, quotaMessage } from "../store/db";
import { useWorkSet } from "../work-set/work-set";
import { kindLabel, riskLabel } from "./labels";
import { localCheckIns, type PatrolsMine, patrolNote } from "./patrols";
import type { ScreenProps } from "./registry";

/** A site: where it is, check in (POST /patrols when the server has it), report a hazard here. */
export function SitePage({ params }: ScreenProps) {
  const workSet = useWorkSet();
  const patrols = useCachedList<PatrolsMine>("patrols", "/patrols/mine");
  const outbox = useOutbox();
  const { position, error, busy, locate } = usePosition();
  const [done, setDone] = useState<string>();
  const [failed, setFailed] = useState<string>();
  if (workSet === null) return null;
  const site = workSet?.sites.find((s) => s.id === params.id);
  if (!site) return <Empty>这个场所不在我的网格里（可能已调整）。</Empty>;
  const plan = patrols.data?.items.find((i) => i.siteId === site.id);
  const checkIn = async () => {
    setFailed(undefined);
    const where = position ?? (await locate());
    try {
      await enqueue({
        kind: "check-in",
        label: `巡查签到：${site.name}`,
        url: "/patrols",
        body: { siteId: site.id, at: new Date().toISOString(), ...(where ? { location: where } : {}) },
      });
      setDone(
        where ? "已签到（已记录位置），联网后自动发送" : "已签到（未能定位，将标记为无位置），联网后自动发送",
      );
    } catch (err) {
      setFailed(isQuotaError(err) ? quotaMessage : String(err));
    }
  };
  return (
    <div className="screen">
      <Card>
        <div className="row-title">
          <span className={`risk-dot risk-${site.riskLevel}`} />
          {site.name}
        </div>
        <div className="row-sub">
          {riskLabel(site.riskLevel)} · {kindLabel(site.kind, site.kindLabel)}
        </div>
        <div className="row-sub">{site.address}</div>
        {plan ? (
          <div className="row-sub" data-testid="site-patrol-status">
            巡查：{patrolNote(plan, localCheckIns(outbox, patrols.fetchedAt).get(site.id))}
          </div>
        ) : null}
        {site.location && position ? (
          <div className="row-sub">距我 {formatDistance(distanceM(position, site.location))}</div>
        ) : null}
      </Card>
      {done ? (
        <Notice kind="ok" testId="checkin-done">
          {done}
        </Notice>
      ) : null}
      {failed ? <Notice kind="error">{failed}</Notice> : null}
      {error && !busy ? <Notice kind="warn">{error}</Notice> : null}
      {patrols.status !== "unavailable" && patrols.status !== "loading" ? (
        <Button block onClick={() => void checkIn()} disabled={busy || !!done} data-testid="site-checkin">
          {busy ? "正在定位…" : "巡查签到"}
        </Button>
      ) : null}
      <Button
        block
        kind="default"
        onClick={() => navigate(`/sites/${encodeURIComponent(site.id)}/checklist`)}
        data-testid="site-checklist"
      >
        按检查表检查
      </Button>
      <Button
        block
        kind="default"
        onClick={() => navigate(`/report?siteId=${encodeURIComponent(site.id)}`)}
        data-testid="site-report"
      >
        在此场所上报隐患
      </Button>
    </div>
  );
}
