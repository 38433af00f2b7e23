import { Spin } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Navigate, useSearchParams } from "react-router-dom";
import { type Dashboard, fetchBoundary, fetchDashboard } from "../../api/dashboard";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { useSession } from "../../session/session-context";
import { EChart, registerMap } from "../statistics/e-chart";
import { formatFigure } from "../statistics/indicator-card";
import "./big-screen.css";

const refreshMs = 60_000;
const rotateMs = 15_000;

/**
 * /bigscreen (issue 13.3): a command room's 16:9 screen. Everything is sized in `vh`, so 1920×1080 and
 * 3840×2160 show the same layout without scrolling; dark theme; figures refresh every minute and the
 * middle panel rotates (map of sub-regions, trend, funnel) every 15 s. Same figures as /statistics.
 */
export function BigScreenPage() {
  const session = useSession();
  if (session.state.status === "loading") return <Spin />;
  if (session.state.status !== "signed-in") return <Navigate to="/login?next=/bigscreen" replace />;
  return <BigScreen />;
}

function BigScreen() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const region = params.get("region") ?? undefined;
  const [tick, setTick] = useState(0);
  const [panel, setPanel] = useState(0);
  useEffect(() => {
    const a = setInterval(() => setTick((n) => n + 1), refreshMs);
    const b = setInterval(() => setPanel((n) => (n + 1) % 3), rotateMs);
    return () => {
      clearInterval(a);
      clearInterval(b);
    };
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick reloads
  const load = useCallback(
    () => fetchDashboard({ region, period: "month", workingDays: false }),
    [region, tick],
  );
  const { data } = useLoad(load);
  if (!data)
    return (
      <div className="bigscreen" data-testid="bigscreen">
        <Spin size="large" />
      </div>
    );
  const by = Object.fromEntries(data.indicators.map((i) => [i.key, i]));
  const big = [
    "reported",
    "closing_on_time_rate",
    "handling_on_time_rate",
    "triage_on_time_rate",
    "overdue_steps",
    "escalated",
  ];
  return (
    <div className="bigscreen" data-testid="bigscreen">
      <header className="bs-head">
        <h1>
          {data.region.name} · {t("bigscreen.title")}
        </h1>
        <span>
          {data.period.from} — {data.period.to} · {t("bigscreen.updated")}{" "}
          {formatDateTime(data.generatedAt, lang)}
        </span>
      </header>
      <section className="bs-figures">
        {big.map((k) =>
          by[k] ? (
            <div key={k} className="bs-figure" title={by[k].formula}>
              <div className="bs-label">{by[k].label}</div>
              <div className={by[k].value === null ? "bs-value bs-na" : "bs-value"}>
                {formatFigure(by[k], t)}
              </div>
            </div>
          ) : null,
        )}
      </section>
      <section className="bs-body">
        <div className="bs-panel">
          <h2>{t("stats.byCategory")}</h2>
          <EChart
            theme="dark"
            height="100%"
            option={{
              backgroundColor: "transparent",
              textStyle: { fontSize: 16 },
              grid: { left: "28%", right: "6%", top: 8, bottom: 24 },
              xAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 14 } },
              yAxis: {
                type: "category",
                inverse: true,
                axisLabel: { fontSize: 16 },
                data: data.byCategory.slice(0, 8).map((c) => c.label),
              },
              series: [
                {
                  type: "bar",
                  data: data.byCategory.slice(0, 8).map((c) => c.count),
                  itemStyle: { color: "#3ba7ff" },
                },
              ],
            }}
          />
        </div>
        <div className="bs-panel bs-main" data-testid="bigscreen-panel">
          <h2>{[t("stats.subRegions"), t("stats.trend"), t("stats.funnel")][panel]}</h2>
          {panel === 0 && <LiveMap data={data} />}
          {panel === 1 && (
            <EChart
              theme="dark"
              height="100%"
              option={{
                backgroundColor: "transparent",
                legend: { top: 0, textStyle: { fontSize: 16 } },
                grid: { left: 48, right: 24, top: 40, bottom: 32 },
                xAxis: {
                  type: "category",
                  data: data.trend.map((m) => m.month),
                  axisLabel: { fontSize: 14 },
                },
                yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 14 } },
                series: [
                  {
                    name: t("stats.reported"),
                    type: "line",
                    smooth: true,
                    data: data.trend.map((m) => m.reported),
                  },
                  {
                    name: t("stats.closed"),
                    type: "line",
                    smooth: true,
                    data: data.trend.map((m) => m.closed),
                  },
                ],
              }}
            />
          )}
          {panel === 2 && (
            <EChart
              theme="dark"
              height="100%"
              option={{
                backgroundColor: "transparent",
                series: [
                  {
                    type: "funnel",
                    sort: "none",
                    label: { fontSize: 20, formatter: "{b} {c}" },
                    data: data.funnel.map((f) => ({ name: f.label, value: f.count })),
                  },
                ],
              }}
            />
          )}
        </div>
        <div className="bs-panel">
          <h2>{t("stats.overdue")}</h2>
          <ol className="bs-list">
            {data.overdue.slice(0, 8).map((c) => (
              <li key={c.id}>
                <span>{c.number}</span>
                <span>{formatDateTime(c.deadline, lang)}</span>
              </li>
            ))}
            {data.overdue.length === 0 && <li className="bs-na">{t("stats.none")}</li>}
          </ol>
          <h2>{t("stats.escalated")}</h2>
          <ol className="bs-list">
            {data.escalated.slice(0, 6).map((c) => (
              <li key={c.id}>
                <span>{c.number}</span>
                <span>{c.escalationCount}×</span>
              </li>
            ))}
            {data.escalated.length === 0 && <li className="bs-na">{t("stats.none")}</li>}
          </ol>
        </div>
      </section>
    </div>
  );
}

/** The sub-regions coloured by this month's cases (boundaries when known, else bars). */
function LiveMap({ data }: { data: Dashboard }) {
  const [mapName, setMapName] = useState<string | null>(null);
  const codes = data.children.map((c) => c.code).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the children's codes
  useEffect(() => {
    Promise.all(data.children.map((c) => fetchBoundary(c.code).then((g) => ({ c, g })))).then((list) => {
      const features = list.flatMap(({ c, g }) => {
        const x = g as { type: string; features?: { geometry: unknown }[]; geometry?: unknown } | null;
        const geometry = !x
          ? null
          : x.type === "FeatureCollection"
            ? x.features?.[0]?.geometry
            : x.type === "Feature"
              ? x.geometry
              : x;
        return geometry ? [{ type: "Feature", properties: { name: c.name }, geometry }] : [];
      });
      if (features.length === 0) return;
      registerMap(`bs-${data.region.code}`, { type: "FeatureCollection", features });
      setMapName(`bs-${data.region.code}`);
    });
  }, [codes]);
  const values = data.children.map((c) => ({ name: c.name, value: c.reported }));
  const max = Math.max(1, ...values.map((v) => v.value));
  return (
    <EChart
      theme="dark"
      height="100%"
      option={
        mapName
          ? {
              backgroundColor: "transparent",
              visualMap: {
                min: 0,
                max,
                left: 8,
                bottom: 8,
                calculable: true,
                inRange: { color: ["#163a5f", "#ff4d4f"] },
              },
              series: [
                {
                  type: "map",
                  map: mapName,
                  data: values,
                  label: { show: true, color: "#fff", fontSize: 16 },
                },
              ],
            }
          : {
              backgroundColor: "transparent",
              grid: { left: "22%", right: 24, top: 8, bottom: 24 },
              xAxis: { type: "value", minInterval: 1 },
              yAxis: {
                type: "category",
                inverse: true,
                axisLabel: { fontSize: 16 },
                data: values.map((v) => v.name),
              },
              series: [{ type: "bar", data: values.map((v) => v.value), itemStyle: { color: "#ff7a45" } }],
            }
      }
    />
  );
}
