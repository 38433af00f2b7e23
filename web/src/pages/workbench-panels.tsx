import { Card, Col, Empty, Row, Statistic, Typography } from "antd";
import { Link } from "react-router-dom";
import type { Workbench, WorkbenchCount } from "../api/workbench";
import { ItemList, ListRow } from "../components/item-list";
import { formatDateTime } from "../format/date-time";
import { useI18n } from "../i18n/i18n-context";

/** The link of a count: the case list with exactly the filter the count was taken with. */
export function countLink(c: WorkbenchCount): string {
  const qs = new URLSearchParams({ queue: c.filter.queue });
  if (c.filter.deadlineState) qs.set("deadlineState", c.filter.deadlineState);
  return `/cases?${qs}`;
}

const alertKeys = new Set(["overdue", "escalated", "patrols_overdue", "engaged_ending"]);

/** The to-do counts: one tile per count, each a link to its list; unread messages link to the inbox. */
export function WorkCounts({ data }: { data: Workbench }) {
  const { t } = useI18n();
  const tile = (key: string, label: string, count: number, to: string) => {
    const card = (
      <Card hoverable size="small" className={count > 0 ? "wb-tile wb-tile-busy" : "wb-tile"}>
        <Statistic
          title={label}
          value={count}
          styles={{
            content: { color: count > 0 ? (alertKeys.has(key) ? "#cf1322" : "#1554ad") : "#8c8c8c" },
          }}
        />
      </Card>
    );
    const props = { "data-testid": `wb-count-${key}`, "data-count": count };
    return (
      <Col key={key} xs={12} sm={8} lg={6} xl={4}>
        {/* The field app's screens live outside the console's router (/m). */}
        {to.startsWith("/m/") ? (
          <a href={to} {...props}>
            {card}
          </a>
        ) : (
          <Link to={to} {...props}>
            {card}
          </Link>
        )}
      </Col>
    );
  };
  return (
    <Card title={t("workbench.todo")} data-testid="wb-counts">
      <Row gutter={[12, 12]}>
        {data.cases.map((c) => tile(c.key, c.label, c.count, countLink(c)))}
        {data.field.map((f) => tile(f.key, f.label, f.count, f.href))}
        {data.engaged.map((e) => tile(e.key, e.label, e.count, e.href))}
        {tile("unread", t("workbench.unread"), data.unread, "/inbox")}
      </Row>
    </Card>
  );
}

/** This month's figures of the cases the user reads (definitions: domain/workbench/month-figures.ts). */
export function MonthFigures({ data }: { data: Workbench }) {
  const { t } = useI18n();
  const m = data.month;
  const rate = m.overdueRate === null ? "—" : `${(m.overdueRate * 100).toFixed(1)}%`;
  return (
    <Card title={t("workbench.month", { month: m.label })} data-testid="wb-month" style={{ height: "100%" }}>
      <Row gutter={[12, 12]}>
        <Col span={8}>
          <Statistic title={t("workbench.reported")} value={m.reported} />
        </Col>
        <Col span={8}>
          <Statistic title={t("workbench.closed")} value={m.closed} />
        </Col>
        <Col span={8}>
          <Statistic title={t("workbench.overdueRate")} value={rate} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t("workbench.overdueRateFormula")}
      </Typography.Paragraph>
    </Card>
  );
}

/** The user's latest recorded actions, each case linked. */
export function RecentActivity({ data }: { data: Workbench }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t("workbench.activity")} data-testid="wb-activity" style={{ height: "100%" }}>
      {data.activity.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("workbench.noActivity")} />
      ) : (
        <ItemList
          size="small"
          dataSource={data.activity}
          renderItem={(a) => (
            <ListRow>
              <span>
                {a.label}
                {a.caseNumber && (
                  <>
                    {" "}
                    <Link to={`/cases/${a.subjectId}`}>{a.caseNumber}</Link>
                  </>
                )}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                {formatDateTime(a.at, lang)}
              </Typography.Text>
            </ListRow>
          )}
        />
      )}
    </Card>
  );
}
