import { ArrowLeftOutlined, DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Space, Table, Typography } from "antd";
import { type ReactNode, useCallback, useMemo } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { TallyMetric } from "../../../../domain/indicators/case-tally";
import type { CoverageDrillRow } from "../../../../domain/indicators/dashboard-view";
import type { CoverageDrill } from "../../../../domain/indicators/indicator-catalogue";
import {
  type DashboardQuery,
  type DrillRow,
  exportDashboardRows,
  fetchCoverageRows,
  fetchDashboardRows,
} from "../../api/dashboard";
import { errorMessage } from "../../components/error-message";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/**
 * The rows behind one figure, with the way back and the export; `industry` narrows a report figure to one
 * industry (the hazards by industry chart's bar; "" for reports without one).
 */
export function DrillRows(props: {
  q: DashboardQuery;
  metric: TallyMetric;
  industry?: string;
  industryLabel?: string;
}) {
  const { t, lang } = useI18n();
  const key = JSON.stringify(props);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by JSON
  const load = useCallback(() => fetchDashboardRows(props.q, props.metric, props.industry), [key]);
  const { data, error } = useLoad(load, { clearOnError: true });
  const rows = useMemo(() => data ?? [], [data]);
  return (
    <RowsCard
      title={
        props.industry === undefined
          ? t(`stats.metric.${props.metric}`)
          : t("stats.industryRows", { industry: props.industryLabel ?? "" })
      }
      onExport={() => exportDashboardRows(props.q, props.metric, props.industry)}
      error={error}
    >
      <Table<DrillRow>
        size="small"
        rowKey={(r) => `${r.caseId}-${r.at}-${r.action}`}
        dataSource={rows}
        loading={!data && error == null}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t("stats.number"),
            dataIndex: "number",
            render: (v, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link>,
          },
          { title: t("stats.step"), dataIndex: "label" },
          { title: t("stats.at"), dataIndex: "at", render: (v) => formatDateTime(v, lang) },
          { title: t("stats.deadline"), dataIndex: "due", render: (v) => formatDateTime(v, lang) },
          { title: t("stats.late"), dataIndex: "late", render: (v) => (v ? t("stats.lateYes") : "") },
        ]}
      />
    </RowsCard>
  );
}

/** The card around a figure's rows: the way back, what they are, the export, a load error. */
function RowsCard(props: { title: string; onExport: () => void; error: unknown; children: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      data-testid="stats-rows"
      title={
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="stats-back">
            {t("stats.back")}
          </Button>
          {props.title}
        </Space>
      }
      extra={
        <Button icon={<DownloadOutlined />} onClick={props.onExport}>
          {t("stats.export")}
        </Button>
      }
    >
      {props.error != null && <Alert type="error" showIcon title={errorMessage(props.error, t)} />}
      {props.children}
    </Card>
  );
}

/** The rows behind a register figure: the sites not in a grid, or the grids without a grid worker (now). */
export function CoverageRows(props: { q: DashboardQuery; metric: CoverageDrill }) {
  const { t } = useI18n();
  const key = JSON.stringify(props);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by JSON
  const load = useCallback(() => fetchCoverageRows(props.q, props.metric), [key]);
  const { data, error } = useLoad(load, { clearOnError: true });
  const grids = props.metric === "grids_without_worker";
  return (
    <RowsCard
      title={t(`stats.metric.${props.metric}`)}
      onExport={() => exportDashboardRows(props.q, props.metric)}
      error={error}
    >
      {data && data.total > data.rows.length && (
        <Typography.Text type="secondary">
          {t("stats.shownOf", { total: data.total, n: data.rows.length })}
        </Typography.Text>
      )}
      <Table<CoverageDrillRow>
        size="small"
        rowKey="id"
        dataSource={data?.rows ?? []}
        loading={!data && error == null}
        scroll={{ x: 640 }}
        locale={{ emptyText: t("stats.none") }}
        columns={
          grids
            ? [
                {
                  title: t("stats.gridCode"),
                  dataIndex: "code",
                  render: (v, r) => <Link to={`/grids?grid=${encodeURIComponent(r.id)}`}>{v}</Link>,
                },
                { title: t("stats.gridName"), dataIndex: "name" },
                { title: t("stats.township"), dataIndex: "regionName" },
              ]
            : [
                {
                  title: t("stats.siteName"),
                  dataIndex: "name",
                  render: (v, r) => <Link to={`/sites?site=${encodeURIComponent(r.id)}`}>{v}</Link>,
                },
                { title: t("stats.uscc"), dataIndex: "code" },
                { title: t("stats.regionName"), dataIndex: "regionName" },
                { title: t("stats.address"), dataIndex: "detail" },
              ]
        }
      />
    </RowsCard>
  );
}
