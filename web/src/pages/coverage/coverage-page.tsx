import { DownloadOutlined, ReloadOutlined, SyncOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Breadcrumb, Button, Card, Spin, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { regionLevelLabel } from "../../../../domain/region/region-code";
import { type CoverageMetric, exportCoverage, fetchCoverage } from "../../api/coverage";
import { regionPath } from "../../api/regions";
import type { Region } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useLoad } from "../../components/use-load";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { CoverageChildren } from "./coverage-children";
import { CoverageRowsDrawer } from "./coverage-rows-drawer";
import { CoverageTotals } from "./coverage-totals";
import { ReassignmentDialog } from "./reassignment-dialog";
import { StaffingPanel } from "./staffing-panel";
import "./coverage.css";

/**
 * /coverage: the rollout dashboard (R18) for a region in scope — grids without workers, sites without
 * grid, worker or department, direct supervision, overlaps — with drill-down to child regions and rows,
 * export to .xlsx; and the staffing view (R5).
 */
export function CoveragePage() {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const region = params.get("region") ?? undefined;
  const tab = params.get("tab") ?? "coverage";
  const { data, loading, error, reload: load } = useLoad(useCallback(() => fetchCoverage(region), [region]));
  const [path, setPath] = useState<Region[]>([]);
  const [metric, setMetric] = useState<CoverageMetric | null>(null);
  const [exporting, setExporting] = useState(false);
  const [reassigning, setReassigning] = useState(false);

  const go = useCallback(
    (patch: { region?: string; tab?: string }) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
      setParams(next, { replace: false });
    },
    [params, setParams],
  );

  useEffect(() => {
    if (!data) return;
    regionPath(data.region.code)
      .then(setPath)
      .catch(() => setPath([]));
  }, [data]);

  const code = data?.region.code;
  const inScope = (c: string) => user.scope.some((s) => c.startsWith(s));
  const doExport = async () => {
    if (!code) return;
    setExporting(true);
    try {
      await exportCoverage(code);
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card title={t("coverage.title")} className="page-card" data-testid="coverage-page">
      <div className="toolbar">
        <RegionCascader
          maxLevel="village"
          anyLevel
          value={region ?? code}
          onChange={(r) => go({ region: r })}
          data-testid="coverage-region"
        />
        <Button icon={<ReloadOutlined />} onClick={load} loading={loading}>
          {t("common.refresh")}
        </Button>
        <span className="toolbar-spacer" />
        {code && code.length >= 6 && (
          <Button icon={<SyncOutlined />} onClick={() => setReassigning(true)}>
            {t("reassign.open")}
          </Button>
        )}
        <Button
          icon={<DownloadOutlined />}
          onClick={doExport}
          loading={exporting}
          disabled={!code}
          data-testid="coverage-export"
        >
          {t("coverage.export")}
        </Button>
      </div>
      {data && (
        <Breadcrumb
          className="sg-crumbs"
          items={path.map((r) => ({
            key: r.code,
            title:
              r.code !== data.region.code && inScope(r.code) ? (
                <Typography.Link onClick={() => go({ region: r.code })}>{r.name}</Typography.Link>
              ) : (
                <span>
                  {r.name} <Tag>{pick(regionLevelLabel[r.level])}</Tag>
                </span>
              ),
          }))}
        />
      )}
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!data && loading && <Spin />}
      {data && (
        <Tabs
          activeKey={tab}
          onChange={(k) => go({ tab: k === "coverage" ? undefined : k })}
          items={[
            {
              key: "coverage",
              label: t("coverage.tabCoverage"),
              children: (
                <>
                  <CoverageTotals data={data} onOpen={setMetric} />
                  {data.children.length > 0 && (
                    <Card size="small" title={t("coverage.children")} style={{ marginTop: 16 }}>
                      <CoverageChildren
                        items={data.children}
                        drillable={data.region.code.length < 12}
                        onDrill={(c) => go({ region: c })}
                      />
                    </Card>
                  )}
                </>
              ),
            },
            { key: "staffing", label: t("coverage.tabStaffing"), children: <StaffingPanel region={code} /> },
          ]}
        />
      )}
      {code && <CoverageRowsDrawer region={code} metric={metric} onClose={() => setMetric(null)} />}
      <ReassignmentDialog
        region={reassigning && code ? code : null}
        onClose={() => setReassigning(false)}
        onApplied={load}
      />
    </Card>
  );
}
