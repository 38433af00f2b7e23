import { InfoCircleOutlined } from "@ant-design/icons";
import { Card, Tooltip, Typography } from "antd";
import type { DashboardIndicator } from "../../api/dashboard";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/zh";

/** A figure as text: rates in %, hours with one decimal, counts as integers; null is "unavailable". */
export function formatFigure(
  i: Pick<DashboardIndicator, "unit" | "value">,
  t: (k: MessageKey) => string,
): string {
  if (i.value === null) return t("stats.unavailable");
  if (i.unit === "rate") return `${(i.value * 100).toFixed(1)}%`;
  if (i.unit === "hours") return `${i.value.toFixed(1)} ${t("stats.hours")}`;
  return String(i.value);
}

const pct = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${(v * 100).toFixed(1)}%`);

/** One indicator: name with its formula on hover, value (or why it is unavailable), month on month, year on year. */
export function IndicatorCard(props: { indicator: DashboardIndicator; onDrill?: () => void }) {
  const { t } = useI18n();
  const i = props.indicator;
  return (
    <Card
      size="small"
      hoverable={!!props.onDrill}
      onClick={props.onDrill}
      data-testid={`indicator-${i.key}`}
      style={{ height: "100%" }}
    >
      <Tooltip title={i.formula}>
        <Typography.Text type="secondary" data-testid={`formula-${i.key}`}>
          {i.label} <InfoCircleOutlined />
        </Typography.Text>
      </Tooltip>
      <div style={{ fontSize: 24, fontWeight: 600, margin: "4px 0" }}>
        {i.value === null ? (
          <Tooltip title={t(`stats.why.${i.unavailable ?? "no_source"}`)}>
            <span style={{ color: "#999", fontSize: 16 }}>{t("stats.unavailable")}</span>
          </Tooltip>
        ) : (
          formatFigure(i, t)
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {i.source === "coverage"
          ? t("stats.current")
          : `${t("stats.mom")} ${pct(i.mom)} · ${t("stats.yoy")} ${pct(i.yoy)}`}
      </Typography.Text>
    </Card>
  );
}
