import { ReloadOutlined, ScheduleOutlined } from "@ant-design/icons";
import { Alert, Breadcrumb, Button, Card, Spin, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { fetchPatrolCoverage, type PatrolCoverage } from "../../api/patrols";
import { regionPath } from "../../api/regions";
import type { Region } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useLoad } from "../../components/use-load";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { SiteDrawer } from "../sites/site-drawer";
import { PatrolChildren } from "./patrol-children";
import { PatrolTotals } from "./patrol-figures";
import { PatrolMissed } from "./patrol-missed";
import { PatrolPlanDialog } from "./patrol-plan-dialog";
import "./patrols.css";

type Crumb = { key: string; name: string; region?: string; grid?: string };

/**
 * /patrols: patrol coverage (巡查覆盖率, R22) of a region in scope — the share of sites visited at their
 * required frequency this period — with drill-down county → township → grid → the missed sites (each
 * opening the site's file), and the county's patrol plan.
 */
export function PatrolCoveragePage() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const region = params.get("region") ?? undefined;
  const grid = params.get("grid") ?? undefined;
  const { data, loading, error, reload } = useLoad(
    useCallback(() => fetchPatrolCoverage({ region, grid }), [region, grid]),
  );
  const [crumbs, setCrumbs] = useState<Crumb[]>([]);
  const [site, setSite] = useState<string | null>(null);
  const [planFor, setPlanFor] = useState<string | null>(null);

  const go = (next: { region?: string; grid?: string }) => {
    const search = new URLSearchParams();
    if (next.region) search.set("region", next.region);
    if (next.grid) search.set("grid", next.grid);
    setParams(search);
  };

  useEffect(() => {
    if (!data) return;
    const base = data.grid ? data.grid.townshipCode : data.region!.code;
    regionPath(base)
      .then((path: Region[]) => {
        const out: Crumb[] = path.map((r) => ({ key: r.code, name: r.name, region: r.code }));
        if (data.grid) out.push({ key: data.grid.id, name: data.grid.name, grid: data.grid.id });
        setCrumbs(out);
      })
      .catch(() => setCrumbs([]));
  }, [data]);

  const inScope = (c: Crumb) => !c.region || user.scope.some((s) => c.region!.startsWith(s));
  const current = data?.grid?.id ?? data?.region?.code;
  const county = (data?.grid?.code ?? data?.region?.code ?? "").slice(0, 6);
  const drill = (c: PatrolCoverage["children"][number]) =>
    c.kind === "region" ? go({ region: c.code }) : c.gridId ? go({ grid: c.gridId }) : undefined;

  return (
    <Card title={t("patrols.title")} className="page-card" data-testid="patrol-coverage-page">
      <div className="toolbar">
        <RegionCascader
          maxLevel="village"
          anyLevel
          value={region ?? data?.region?.code}
          onChange={(r) => go({ region: r })}
          data-testid="patrol-region"
        />
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          {t("common.refresh")}
        </Button>
        <span className="toolbar-spacer" />
        {county.length === 6 && (
          <Button
            icon={<ScheduleOutlined />}
            onClick={() => setPlanFor(county)}
            data-testid="patrol-plan-open"
          >
            {t("patrols.plan")}
          </Button>
        )}
      </div>
      {crumbs.length > 0 && (
        <Breadcrumb
          className="sg-crumbs"
          data-testid="patrol-crumbs"
          items={crumbs.map((c) => ({
            key: c.key,
            title:
              c.key !== current && inScope(c) ? (
                <Typography.Link onClick={() => go(c)}>{c.name}</Typography.Link>
              ) : (
                <span>{c.name}</span>
              ),
          }))}
        />
      )}
      <Typography.Paragraph type="secondary" className="sg-patrol-intro">
        {t("patrols.intro")}
      </Typography.Paragraph>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {!data && loading && <Spin />}
      {data && (
        <>
          <PatrolTotals figures={data.totals} />
          {data.children.length > 0 && <PatrolChildren items={data.children} onDrill={drill} />}
          <PatrolMissed items={data.missed.items} total={data.missed.total} onOpen={setSite} />
        </>
      )}
      <SiteDrawer siteId={site} onClose={() => setSite(null)} />
      <PatrolPlanDialog
        county={planFor}
        onClose={() => setPlanFor(null)}
        onSaved={() => {
          setPlanFor(null);
          reload();
        }}
      />
    </Card>
  );
}
