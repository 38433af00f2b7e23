import { useEffect, useState } from "react";
import { Button, Card, Empty } from "../components/ui";
import { distanceM, formatDistance } from "../geo/geo";
import { useCachedList } from "../hooks/use-cached-list";
import { usePosition } from "../hooks/use-position";
import { t } from "../i18n/i18n";
import { GridMap } from "../map/grid-map";
import { navigate } from "../router";
import { useWorkSet } from "../work-set/work-set";
import { kindLabel, patrolStatusLabel, riskLabel } from "./labels";

export interface PatrolsMine {
  items: { siteId: string; status: "due" | "overdue" | "done"; dueBy: string; lastVisitAt: string | null }[];
}

/** My sites, nearest first (when the phone knows where it is), and the offline map of my grids. */
export function Sites() {
  const workSet = useWorkSet();
  const { position, error, busy, locate } = usePosition();
  const patrols = useCachedList<PatrolsMine>("patrols", "/patrols/mine");
  const patrolOf = new Map((patrols.data?.items ?? []).map((p) => [p.siteId, p]));
  const [view, setView] = useState<"list" | "map">("list");
  useEffect(() => {
    void locate();
  }, [locate]);
  if (workSet === null) return null;
  if (!workSet) return <Empty>{t("sites.noWorkSet")}</Empty>;
  const sites = workSet.sites
    .map((s) => ({ ...s, distance: position && s.location ? distanceM(position, s.location) : undefined }))
    .sort(
      (a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity) || a.name.localeCompare(b.name, "zh"),
    );
  return (
    <div className="screen">
      <div className="segmented">
        <Button
          kind={view === "list" ? "primary" : "default"}
          onClick={() => setView("list")}
          data-testid="sites-list-tab"
        >
          {t("sites.list")}
        </Button>
        <Button
          kind={view === "map" ? "primary" : "default"}
          onClick={() => setView("map")}
          data-testid="sites-map-tab"
        >
          {t("sites.map")}
        </Button>
      </div>
      <div className="locate-line">
        {busy ? t("common.locating") : position ? t("sites.located", { m: position.accuracy ?? "?" }) : error}
        {!busy ? (
          <button type="button" className="link" onClick={() => void locate()}>
            {t("common.relocate")}
          </button>
        ) : null}
      </div>
      {view === "map" ? (
        <GridMap workSet={workSet} me={position} onSite={(id) => navigate(`/sites/${id}`)} />
      ) : sites.length ? (
        sites.map((s) => (
          <Card key={s.id} onClick={() => navigate(`/sites/${s.id}`)} testId="site-row">
            <div className="row-title">
              <span className={`risk-dot risk-${s.riskLevel}`} />
              {s.name}
              {patrolOf.get(s.id) ? (
                <span className={`badge patrol-${patrolOf.get(s.id)?.status}`}>
                  {patrolStatusLabel(patrolOf.get(s.id)?.status ?? "")}
                </span>
              ) : null}
            </div>
            <div className="row-sub">
              {riskLabel(s.riskLevel)} · {kindLabel(s.kind, s.kindLabel)}
              {s.distance !== undefined ? ` · ${formatDistance(s.distance)}` : ""}
            </div>
            <div className="row-sub">{s.address}</div>
          </Card>
        ))
      ) : (
        <Empty>{t("sites.none")}</Empty>
      )}
    </div>
  );
}
