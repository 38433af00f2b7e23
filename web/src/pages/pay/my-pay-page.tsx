import { Alert, Card, Descriptions, Empty, Grid, Space, Tag, Typography } from "antd";
import { fetchMyPay, type MyPayLine } from "../../api/pay";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { useLoad } from "../../components/use-load";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

export const yuan = (v: number) =>
  v.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * 我的报酬 (R20): the grid worker's own lines of approved pay sheets, newest month first — base pay,
 * performance pay (or "unavailable" with the reason, never 0), information rewards with the reports behind
 * them, deductions, the total, and a line left out of the payment with its reason.
 */
export function MyPayPage() {
  const { t } = useI18n();
  const { data, loading, error } = useLoad(fetchMyPay);
  return (
    <Card title={t("myPay.title")} className="page-card" data-testid="my-pay">
      <Typography.Paragraph type="secondary">{t("myPay.intro")}</Typography.Paragraph>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <ItemList<MyPayLine>
        loading={loading}
        dataSource={data?.items ?? []}
        empty={<Empty description={t("myPay.none")} />}
        renderItem={(l) => <MyPayMonth line={l} />}
      />
    </Card>
  );
}

function MyPayMonth({ line: l }: { line: MyPayLine }) {
  const { t, pick, lang } = useI18n();
  const narrow = !Grid.useBreakpoint().sm;
  const na = (
    <Space orientation="vertical" size={0}>
      <Typography.Text type="secondary">{t("pay.unavailable")}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {pick(l.performanceNote ?? undefined)}
      </Typography.Text>
    </Space>
  );
  return (
    <ListRow data-testid="my-pay-month" data-month={l.month} style={{ display: "block" }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {l.month}
        </Typography.Text>
        <Tag>{t("myPay.version", { version: l.version })}</Tag>
        {l.excludedReason !== null && (
          <Tag color="red" data-testid="my-pay-excluded">
            {t("pay.excluded", { reason: l.excludedReason })}
          </Tag>
        )}
      </Space>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        styles={{ label: { whiteSpace: "nowrap", width: narrow ? 96 : undefined } }}
      >
        <Descriptions.Item label={t("pay.base")}>{yuan(l.base)}</Descriptions.Item>
        <Descriptions.Item label={t("pay.performance")}>
          {l.performance === null ? na : `${yuan(l.performance)} · ${t("myPay.score")} ${l.score}`}
        </Descriptions.Item>
        <Descriptions.Item label={t("pay.rewards")}>
          {yuan(l.rewards)} · {t("myPay.rewardItems", { n: l.rewardCount })}
        </Descriptions.Item>
        <Descriptions.Item label={t("pay.deductions")}>
          {yuan(l.deductions)}
          {l.missedSites > 0 && ` · ${t("myPay.missed", { n: l.missedSites })}`}
        </Descriptions.Item>
        <Descriptions.Item label={t("myPay.total")}>
          <b data-testid="my-pay-total">{yuan(l.total)}</b>
        </Descriptions.Item>
        <Descriptions.Item label={t("myPay.account")}>
          {l.bankName ? `${l.bankName} ${l.accountMasked ?? ""}` : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("myPay.approvedAt")}>
          {formatDateTime(l.approvedAt, lang)}
        </Descriptions.Item>
      </Descriptions>
      {l.rewardItems.length > 0 && (
        <Space wrap size={4} style={{ marginTop: 8 }} data-testid="my-pay-rewards">
          {l.rewardItems.map((r) => (
            <Tag key={r.caseId}>
              {r.number} · {yuan(r.amount)}
            </Tag>
          ))}
        </Space>
      )}
    </ListRow>
  );
}
