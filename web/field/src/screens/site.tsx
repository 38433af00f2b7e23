import { useState } from "react";
import { Button, Card, Empty, Notice } from "../components/ui";
import { distanceM, formatDistance } from "../geo/geo";
import { useCachedList } from "../hooks/use-cached-list";
import { usePosition } from "../hooks/use-position";
import { t } from "../i18n/i18n";
import { enqueue, useOutbox } from "../outbox/outbox";
import { navigate } from "../router";
import { isQuotaError, quotaText } from "../store/db";
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
  if (!site) return <Empty>{t("common.siteOutsideGrid")}</Empty>;
  const plan = patrols.data?.items.find((i) => i.siteId === site.id);
  const checkIn = async () => {
    setFailed(undefined);
    const where = position ?? (await locate());
    try {
      await enqueue({
        kind: "check-in",
        label: t("site.checkInLabel", { name: site.name }),
        url: "/patrols",
        body: { siteId: site.id, at: new Date().toISOString(), ...(where ? { location: where } : {}) },
      });
      setDone(where ? t("site.checkedIn") : t("site.checkedInNoLocation"));
    } catch (err) {
      setFailed(isQuotaError(err) ? quotaText() : String(err));
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
            {t("site.patrol", {
              note: patrolNote(plan, localCheckIns(outbox, patrols.fetchedAt).get(site.id)),
            })}
          </div>
        ) : null}
        {site.location && position ? (
          <div className="row-sub">
            {t("site.distance", { d: formatDistance(distanceM(position, site.location)) })}
          </div>
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
          {busy ? t("common.locating") : t("site.checkIn")}
        </Button>
      ) : null}
      <Button
        block
        kind="default"
        onClick={() => navigate(`/sites/${encodeURIComponent(site.id)}/checklist`)}
        data-testid="site-checklist"
      >
        {t("site.checklist")}
      </Button>
      <Button
        block
        kind="default"
        onClick={() => navigate(`/report?siteId=${encodeURIComponent(site.id)}`)}
        data-testid="site-report"
      >
        {t("site.report")}
      </Button>
    </div>
  );
}
