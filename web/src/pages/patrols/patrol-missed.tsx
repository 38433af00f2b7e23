import { Table, Tag, Typography } from "antd";
import type { PatrolStatus } from "../../../../domain/patrol/patrol-period";
import { patrolFrequencyLabel } from "../../../../domain/patrol/patrol-plan";
import { type RiskLevel, type SiteKind, siteKindLabel } from "../../../../domain/site/site-kinds";
import type { MissedSite } from "../../api/patrols";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { RiskTag } from "../sites/site-tags";

const statusColour: Record<PatrolStatus, string> = { overdue: "red", due: "gold", done: "green" };

export function PatrolStatusTag({ status }: { status: PatrolStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColour[status]}>{t(`patrols.status.${status}`)}</Tag>;
}

/** The sites not visited in their current period, overdue first; a click opens the site's file. */
export function PatrolMissed(props: {
  items: MissedSite[];
  total: number;
  onOpen: (siteId: string) => void;
}) {
  const { t, pick, lang } = useI18n();
  return (
    <div data-testid="patrol-missed">
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t("patrols.missed", { n: props.total })}
      </Typography.Title>
      {props.total > props.items.length && (
        <Typography.Paragraph type="secondary">
          {t("patrols.missedMore", { shown: props.items.length, n: props.total })}
        </Typography.Paragraph>
      )}
      <Table<MissedSite>
        rowKey="siteId"
        size="small"
        dataSource={props.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t("patrols.site"),
            dataIndex: "siteName",
            fixed: "left",
            width: 150,
            render: (name: string, m) => (
              <Typography.Link onClick={() => props.onOpen(m.siteId)} data-testid="patrol-missed-site">
                {name}
              </Typography.Link>
            ),
          },
          {
            title: t("patrols.status"),
            dataIndex: "status",
            width: 80,
            render: (s: PatrolStatus) => <PatrolStatusTag status={s} />,
          },
          { title: t("patrols.dueBy"), dataIndex: "dueBy", width: 110 },
          {
            title: t("patrols.frequency"),
            dataIndex: "frequency",
            width: 110,
            render: (f: MissedSite["frequency"]) => pick(patrolFrequencyLabel[f]),
          },
          {
            title: t("patrols.risk"),
            dataIndex: "riskLevel",
            width: 100,
            render: (r: string | null) => <RiskTag level={r as RiskLevel | null} />,
          },
          {
            title: t("sites.kind"),
            dataIndex: "kind",
            width: 100,
            render: (k: string) => pick(siteKindLabel[k as SiteKind], k),
          },
          {
            title: t("patrols.grid"),
            dataIndex: "gridName",
            width: 140,
            render: (g: string | null) => g ?? t("patrols.noGrid"),
          },
          {
            title: t("patrols.lastVisit"),
            dataIndex: "lastVisitAt",
            width: 150,
            sorter: (a, b) => (a.lastVisitAt ?? "").localeCompare(b.lastVisitAt ?? ""),
            render: (v: string | null) =>
              v ? (
                formatDateTime(v, lang)
              ) : (
                <Typography.Text type="secondary">{t("patrols.never")}</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}
