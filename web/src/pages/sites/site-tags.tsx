import { Tag, Tooltip, Typography } from "antd";
import {
  type RiskLevel,
  riskLevelColor,
  riskLevelLabel,
  type SiteStatus,
  siteStatusLabel,
} from "../../../../domain/site/site-kinds";
import type { Site } from "../../api/sites";
import { useI18n } from "../../i18n/i18n-context";

/** 重大风险 (red) … 低风险 (blue); 未评定 when not rated. */
export function RiskTag({ level }: { level: RiskLevel | null }) {
  const { t, pick } = useI18n();
  if (!level) return <Tag>{t("sites.riskUnrated")}</Tag>;
  return (
    <Tag color={riskLevelColor[level]} style={level === "yellow" ? { color: "#5c4a00" } : undefined}>
      {pick(riskLevelLabel[level])}
    </Tag>
  );
}

const statusColour: Record<SiteStatus, string> = {
  operating: "green",
  suspended: "orange",
  closed: "default",
};

export function SiteStatusTag({ status }: { status: SiteStatus }) {
  const { pick } = useI18n();
  return <Tag color={statusColour[status]}>{pick(siteStatusLabel[status])}</Tag>;
}

/** The grid column: the grid, 直接监管 (R4) or the gap, with the rule that decided it on hover. */
export function GridCell({ site }: { site: Site }) {
  const { t } = useI18n();
  const a = site.assignment;
  if (a.direct)
    return (
      <Tooltip title={a.directReason}>
        <Tag color="purple">{t("sites.direct")}</Tag>
      </Tooltip>
    );
  if (!a.grid)
    return (
      <Tooltip title={a.gridReason}>
        <Tag color="red">
          {a.gridRule === "no_location" ? t("sites.gap.no_location") : t("sites.gap.outside_grids")}
        </Tag>
      </Tooltip>
    );
  return (
    <Tooltip title={a.gridReason}>
      <span>
        {a.grid.name}
        {a.overrides.grid && <Tag style={{ marginLeft: 4 }}>{t("sites.manual")}</Tag>}
      </span>
    </Tooltip>
  );
}

/** A person or department of the assignment, or a red 未落实 when missing. */
export function AssignedCell(props: {
  name: string | null | undefined;
  reason: string;
  manual: boolean;
  direct?: boolean;
}) {
  const { t } = useI18n();
  if (!props.name)
    return (
      <Tooltip title={props.reason}>
        {props.direct ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Tag color="red">{t("sites.unassigned")}</Tag>
        )}
      </Tooltip>
    );
  return (
    <Tooltip title={props.reason}>
      <span>
        {props.name}
        {props.manual && <Tag style={{ marginLeft: 4 }}>{t("sites.manual")}</Tag>}
      </span>
    </Tooltip>
  );
}
