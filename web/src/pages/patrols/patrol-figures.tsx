import { Progress, Typography } from "antd";
import type { PatrolFigures } from "../../api/patrols";
import { useI18n } from "../../i18n/i18n-context";

export const coverageColour = (pct: number) => (pct >= 90 ? "#52c41a" : pct >= 60 ? "#faad14" : "#f5222d");

/** The coverage of a region or grid as a bar (— when it has no site to patrol). */
export function CoverageBar({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Progress
      percent={value}
      size="small"
      strokeColor={coverageColour(value)}
      format={(p) => `${(p ?? 0).toFixed(1)}%`}
    />
  );
}

/** The headline figures: sites to patrol, visited, due, overdue and the coverage share. */
export function PatrolTotals({ figures }: { figures: PatrolFigures }) {
  const { t } = useI18n();
  const cell = (label: string, value: number, tone?: "good" | "bad", testId?: string) => (
    <div className="sg-patrol-figure" data-testid={testId}>
      <div className={`sg-patrol-value${tone ? ` sg-patrol-${tone}` : ""}`}>{value}</div>
      <Typography.Text type="secondary">{label}</Typography.Text>
    </div>
  );
  return (
    <div className="sg-patrol-totals" data-testid="patrol-totals">
      <div className="sg-patrol-share">
        <Progress
          type="circle"
          size={88}
          percent={figures.coverage ?? 0}
          strokeColor={figures.coverage === null ? undefined : coverageColour(figures.coverage)}
          format={() => (figures.coverage === null ? "—" : `${figures.coverage.toFixed(1)}%`)}
        />
        <Typography.Text strong>{t("patrols.coverage")}</Typography.Text>
      </div>
      <div className="sg-patrol-figures">
        {cell(t("patrols.sites"), figures.sites, undefined, "patrol-sites")}
        {cell(t("patrols.done"), figures.done, "good", "patrol-done")}
        {cell(t("patrols.due"), figures.due)}
        {cell(
          t("patrols.overdue"),
          figures.overdue,
          figures.overdue > 0 ? "bad" : undefined,
          "patrol-overdue",
        )}
      </div>
    </div>
  );
}
