import { DesktopOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Skeleton,
  Space,
  Switch,
  Table,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { type DrillMetric, isCoverageDrill } from "../../../../domain/indicators/indicator-catalogue";
import { type DashboardQuery, fetchBoundary, fetchDashboard, type OpenCaseItem } from "../../api/dashboard";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { CoverageRows, DrillRows } from "./drill-rows";
import { EChart, registerMap } from "./e-chart";
import { IndicatorCard } from "./indicator-card";

type PeriodKind = DashboardQuery["period"];

/** The dashboard's state lives in the URL: region, period, dates, working-day switch and the drilled figure. */
function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const q: DashboardQuery = {
    region: params.get("region") ?? undefined,
    period: (params.get("period") as PeriodKind) ?? "month",
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    workingDays: params.get("wd") === "1",
  };
  const metric = (params.get("metric") as DrillMetric | null) ?? null;
  /** The industry bar drilled (a GB/T 4754 section, "none" for reports without one). */
  const industry = params.get("industry") ?? undefined;
  const set = (patch: Record<string, string | undefined>, push = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) v === undefined ? next.delete(k) : next.set(k, v);
    setParams(next, { replace: !push });
  };
  return { q, metric, industry, set };
}

/**
 * /statistics (issue 13.2): a region's dashboard for a period — indicators with formulas (hover), month on
 * month and year on year, the funnel, hazards by category/type/source, sub-regions (choropleth when
 * boundaries exist), trends, overdue and escalated lists; every figure drills down to its rows and exports.
 */
export function StatisticsPage() {
  const { t } = useI18n();
  const { q, metric, industry, set } = useDashboardParams();
  const key = JSON.stringify(q);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is keyed by its JSON
  const load = useCallback(
    () => (q.period === "custom" && (!q.from || !q.to) ? null : fetchDashboard(q)),
    [key],
  );
  const { data, error } = useLoad(load, { clearOnError: true });
  const drill = (m: DrillMetric | null, ind?: string) =>
    m && set({ metric: m, industry: ind === undefined ? undefined : ind || "none" }, true);

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="statistics">
      <div className="toolbar" style={{ flexWrap: "wrap", gap: 8 }}>
        <span>{t("stats.region")}</span>
        <RegionCascader
          value={q.region ?? data?.region.code}
          onChange={(code) => set({ region: code, metric: undefined })}
          maxLevel="township"
          anyLevel
          autoSelectSingle
        />
        <Segmented
          value={q.period}
          onChange={(v) => set({ period: String(v) })}
          options={(["month", "quarter", "year", "custom"] as const).map((p) => ({
            value: p,
            label: t(`stats.period.${p}`),
          }))}
          data-testid="stats-period"
        />
        {q.period === "custom" && (
          <DatePicker.RangePicker
            value={q.from && q.to ? [dayjs(q.from), dayjs(q.to)] : null}
            onChange={(r) =>
              set({
                from: r?.[0]?.format("YYYY-MM-DD") ?? undefined,
                to: r?.[1]?.format("YYYY-MM-DD") ?? undefined,
              })
            }
          />
        )}
        <Space size={4}>
          <Switch checked={q.workingDays} onChange={(v) => set({ wd: v ? "1" : undefined })} size="small" />
          {t("stats.workingDays")}
        </Space>
        <span className="toolbar-spacer" />
        <Link to={`/bigscreen${q.region ? `?region=${q.region}` : ""}`} target="_blank">
          <Button icon={<DesktopOutlined />}>{t("stats.bigScreen")}</Button>
        </Link>
      </div>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {!data && error == null && <Skeleton active />}
      {data && metric && isCoverageDrill(metric) && (
        <CoverageRows q={{ ...q, region: data.region.code }} metric={metric} />
      )}
      {data && metric && !isCoverageDrill(metric) && (
        <DrillRows
          q={{ ...q, region: data.region.code }}
          metric={metric}
          industry={industry === undefined ? undefined : industry === "none" ? "" : industry}
          industryLabel={
            industry === undefined
              ? undefined
              : data.byIndustry.find((i) => i.value === (industry === "none" ? "" : industry))?.label
          }
        />
      )}
      {data && !metric && (
        <DashboardBody data={data} onDrill={drill} onRegion={(c) => set({ region: c }, true)} />
      )}
    </Space>
  );
}

function DashboardBody(props: {
  data: NonNullable<Awaited<ReturnType<typeof fetchDashboard>>>;
  onDrill: (m: DrillMetric | null, industry?: string) => void;
  onRegion: (code: string) => void;
}) {
  const { t } = useI18n();
  const { data, onDrill } = props;
  const caseList = (extra: Record<string, string>) =>
    `/cases?${new URLSearchParams({ region: data.region.code, ...extra })}`;
  return (
    <>
      <Typography.Title level={5} style={{ margin: 0 }} data-testid="stats-title">
        {data.region.name} · {data.period.from} — {data.period.to}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {data.indicators.map((i) => (
          <Col key={i.key} xs={12} md={8} lg={6} xl={4}>
            <IndicatorCard indicator={i} onDrill={i.drill ? () => onDrill(i.drill) : undefined} />
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("stats.funnel")}>
            <EChart
              height={260}
              testId="chart-funnel"
              onClick={(p) => onDrill(data.funnel[p.dataIndex]?.key ?? null)}
              option={{
                tooltip: { trigger: "item" },
                series: [
                  {
                    type: "funnel",
                    sort: "none",
                    minSize: "20%",
                    label: { formatter: "{b} {c}" },
                    data: data.funnel.map((f) => ({ name: f.label, value: f.count })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("stats.byCategory")}>
            <EChart
              height={260}
              onClick={(p) => {
                const v = data.byCategory[p.dataIndex]?.value;
                if (v) window.location.assign(caseList({ category: v, reportedFrom: data.period.from }));
              }}
              option={{
                tooltip: {},
                grid: { left: 100, right: 16, top: 8, bottom: 24 },
                xAxis: { type: "value", minInterval: 1 },
                yAxis: {
                  type: "category",
                  inverse: true,
                  data: data.byCategory.slice(0, 8).map((c) => c.label),
                },
                series: [{ type: "bar", data: data.byCategory.slice(0, 8).map((c) => c.count) }],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t("stats.byType")}>
            <EChart
              height={260}
              option={{
                tooltip: { trigger: "item" },
                series: [
                  {
                    type: "pie",
                    radius: ["35%", "65%"],
                    data: data.byType.map((c) => ({ name: c.label, value: c.count })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("stats.byIndustry")} data-testid="stats-industry">
            <EChart
              height={Math.max(200, 24 * Math.min(12, data.byIndustry.length) + 40)}
              testId="chart-industry"
              onClick={(p) => {
                const v = data.byIndustry[p.dataIndex];
                if (v) onDrill("reported", v.value);
              }}
              option={{
                tooltip: {},
                grid: { left: 150, right: 24, top: 8, bottom: 24 },
                xAxis: { type: "value", minInterval: 1 },
                yAxis: {
                  type: "category",
                  inverse: true,
                  axisLabel: { width: 140, overflow: "truncate" },
                  data: data.byIndustry.slice(0, 12).map((c) => c.label),
                },
                series: [{ type: "bar", data: data.byIndustry.slice(0, 12).map((c) => c.count) }],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("stats.bySource")}>
            <EChart
              height={Math.max(200, 24 * Math.min(12, data.byIndustry.length) + 40)}
              option={{
                tooltip: { trigger: "item" },
                series: [
                  {
                    type: "pie",
                    radius: ["35%", "65%"],
                    data: data.bySource.map((c) => ({ name: c.label, value: c.count })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <SubRegions data={data} onRegion={props.onRegion} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("stats.trend")}>
            <EChart
              height={300}
              testId="chart-trend"
              option={{
                tooltip: { trigger: "axis" },
                legend: { top: 0 },
                grid: { left: 40, right: 40, top: 30, bottom: 24 },
                xAxis: { type: "category", data: data.trend.map((m) => m.month) },
                yAxis: [
                  { type: "value", minInterval: 1 },
                  { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
                ],
                series: [
                  { name: t("stats.reported"), type: "bar", data: data.trend.map((m) => m.reported) },
                  { name: t("stats.closed"), type: "bar", data: data.trend.map((m) => m.closed) },
                  {
                    name: t("stats.closingOnTime"),
                    type: "line",
                    yAxisIndex: 1,
                    connectNulls: false,
                    data: data.trend.map((m) =>
                      m.closingOnTimeRate === null ? null : Math.round(m.closingOnTimeRate * 1000) / 10,
                    ),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <CaseList title={t("stats.overdue")} items={data.overdue} more={caseList({ queue: "overdue" })} />
        </Col>
        <Col xs={24} lg={12}>
          <CaseList
            title={t("stats.escalated")}
            items={data.escalated}
            more={caseList({ queue: "escalated" })}
          />
        </Col>
      </Row>
    </>
  );
}

function SubRegions(props: {
  data: Awaited<ReturnType<typeof fetchDashboard>>;
  onRegion: (code: string) => void;
}) {
  const { t } = useI18n();
  const { data } = props;
  const [mapName, setMapName] = useState<string | null>(null);
  const codes = data.children.map((c) => c.code).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the children's codes
  useEffect(() => {
    let live = true;
    setMapName(null);
    Promise.all(
      data.children.map((c) => fetchBoundary(c.code).then((g) => ({ code: c.code, name: c.name, g }))),
    )
      .then((list) => {
        const features = list
          .filter((x) => x.g)
          .flatMap((x) => {
            const g = x.g as { type: string; features?: { geometry: unknown }[]; geometry?: unknown };
            const geometry =
              g.type === "FeatureCollection"
                ? g.features?.[0]?.geometry
                : g.type === "Feature"
                  ? g.geometry
                  : g;
            return geometry
              ? [{ type: "Feature", properties: { name: x.name, code: x.code }, geometry }]
              : [];
          });
        if (!live || features.length === 0) return;
        const name = `sub-${data.region.code}`;
        registerMap(name, { type: "FeatureCollection", features });
        setMapName(name);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [codes]);
  const values = data.children.map((c) => ({ name: c.name, value: c.reported, code: c.code }));
  const max = Math.max(1, ...values.map((v) => v.value));
  return (
    <Card size="small" title={t("stats.subRegions")} data-testid="stats-subregions">
      <EChart
        height={300}
        onClick={(p) => {
          const c = data.children.find((x) => x.name === p.name);
          if (c) props.onRegion(c.code);
        }}
        option={
          mapName
            ? {
                tooltip: { trigger: "item" },
                visualMap: {
                  min: 0,
                  max,
                  left: 0,
                  bottom: 0,
                  calculable: true,
                  inRange: { color: ["#e0f3f8", "#d73027"] },
                },
                series: [{ type: "map", map: mapName, data: values, label: { show: true, fontSize: 10 } }],
              }
            : {
                tooltip: {},
                grid: { left: 100, right: 16, top: 8, bottom: 24 },
                xAxis: { type: "value", minInterval: 1 },
                yAxis: { type: "category", inverse: true, data: values.map((v) => v.name) },
                series: [{ type: "bar", data: values.map((v) => v.value) }],
              }
        }
      />
    </Card>
  );
}

function CaseList(props: { title: string; items: OpenCaseItem[]; more: string }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" title={props.title} extra={<Link to={props.more}>{t("stats.all")}</Link>}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={props.items}
        locale={{ emptyText: t("stats.none") }}
        columns={[
          {
            title: t("stats.number"),
            dataIndex: "number",
            render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link>,
          },
          { title: t("stats.deadline"), dataIndex: "deadline", render: (v) => formatDateTime(v, lang) },
        ]}
      />
    </Card>
  );
}
