import { Alert, Button, Card, Input, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { decideReward, fetchRewards, payReward, type TipReward } from "../../api/tips";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

const statusColor: Record<TipReward["status"], string> = {
  proposed: "gold",
  approved: "blue",
  rejected: "default",
  paid: "green",
};

/** 举报奖励 (R20): proposals to approve (a second person), approved rewards to pay (finance). */
export function TipRewardsPage() {
  const { t, lang } = useI18n();
  const tk = t as (key: string) => string;
  const [items, setItems] = useState<TipReward[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refs, setRefs] = useState<Record<string, string>>({});
  const load = useCallback(
    () =>
      fetchRewards()
        .then((r) => {
          setItems(r.items);
          setError(null);
        })
        .catch(setError),
    [],
  );
  useEffect(() => {
    load();
  }, [load]);
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card className="page-card" title={t("reward.title")} data-testid="tip-rewards">
      <Typography.Paragraph type="secondary">{t("reward.intro")}</Typography.Paragraph>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <ItemList
        loading={items === null && error === null}
        dataSource={items ?? []}
        empty={t("reward.none")}
        renderItem={(r) => (
          <ListRow data-testid={`reward-${r.caseNumber}`}>
            <Space orientation="vertical" style={{ width: "100%" }} size={4}>
              <Space wrap>
                <Typography.Text strong>{r.caseNumber}</Typography.Text>
                <Tag color={statusColor[r.status]}>{r.statusLabel}</Tag>
                <Tag>{tk(`reward.rule.${r.rule}`)}</Tag>
              </Space>
              <Typography.Text>
                {t("reward.amount")}：<b>{r.amountYuan.toLocaleString("zh-CN")}</b>
              </Typography.Text>
              <Typography.Text type="secondary">
                {t("reward.basis")}：{r.basis}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t("reward.proposedAt")}：{formatDateTime(r.proposedAt, lang)}
                {r.payoutRef ? ` · ${t("reward.payoutRef")}：${r.payoutRef}` : ""}
              </Typography.Text>
              {r.abilities.decide && (
                <Space wrap>
                  <Button
                    type="primary"
                    size="small"
                    data-testid={`reward-approve-${r.caseNumber}`}
                    onClick={() => run(() => decideReward(r.id, true))}
                  >
                    {t("reward.approve")}
                  </Button>
                  <Button size="small" danger onClick={() => run(() => decideReward(r.id, false))}>
                    {t("reward.reject")}
                  </Button>
                </Space>
              )}
              {r.abilities.pay && (
                <Space.Compact style={{ width: "100%", maxWidth: 420 }}>
                  <Input
                    placeholder={t("reward.payoutRef")}
                    value={refs[r.id] ?? ""}
                    data-testid={`reward-ref-${r.caseNumber}`}
                    onChange={(e) => setRefs({ ...refs, [r.id]: e.target.value })}
                  />
                  <Button
                    type="primary"
                    data-testid={`reward-pay-${r.caseNumber}`}
                    disabled={(refs[r.id] ?? "").trim().length < 2}
                    onClick={() => run(() => payReward(r.id, refs[r.id] ?? ""))}
                  >
                    {t("reward.pay")}
                  </Button>
                </Space.Compact>
              )}
            </Space>
          </ListRow>
        )}
      />
    </Card>
  );
}
