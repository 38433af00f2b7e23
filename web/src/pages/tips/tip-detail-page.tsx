import { Alert, Button, Card, Descriptions, Form, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { fetchTip, proposeReward, type TipDetail } from "../../api/tips";
import { errorMessage } from "../../components/error-message";
import { ItemList, ListRow } from "../../components/item-list";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/**
 * One tip for the tip officer (the queue's link: the case page itself is not theirs to read): what, where,
 * stage and deadline, the protected thread, and the reward proposal once the case is confirmed and closed.
 */
export function TipDetailPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const tk = t as (key: string) => string;
  const [tip, setTip] = useState<TipDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rule, setRule] = useState<string>("major_hazard");
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => fetchTip(id).then(setTip).catch(setError), [id]);
  useEffect(() => {
    load();
  }, [load]);
  const propose = async (values: Record<string, unknown>) => {
    setBusy(true);
    try {
      await proposeReward(id, { rule, ...values });
      setSaveError(null);
      await load();
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  };
  if (error) return <Alert type="error" showIcon title={errorMessage(error, t)} />;
  if (!tip) return <Card loading className="page-card" />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="tip-detail">
      <Card
        className="page-card"
        title={`${t("tips.detail")} · ${tip.number}`}
        extra={<Link to="/tips">{t("tips.back")}</Link>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("tips.kind")}>{tip.kindLabel}</Descriptions.Item>
          <Descriptions.Item label={t("tips.channel")}>{tk(`tips.channel.${tip.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t("tips.stage")}>{tip.stageLabel}</Descriptions.Item>
          <Descriptions.Item label={t("tips.deadline")}>
            {tip.deadline ? formatDateTime(tip.deadline, lang) : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("tips.address")}>{tip.address ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("tips.createdAt")}>
            {formatDateTime(tip.createdAt, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t("tips.realName")}>
            {tip.realName ? <Tag color="blue">{t("tips.realName")}</Tag> : <Tag>{t("tips.anonymous")}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t("tips.description")} span={2}>
            <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{tip.description}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="page-card" title={t("tips.thread")} size="small">
        <ItemList
          size="small"
          empty={t("tips.noMessages")}
          dataSource={tip.messages}
          renderItem={(m) => (
            <ListRow>
              <Space orientation="vertical" size={0}>
                <Typography.Text type="secondary">
                  {m.direction === "official" ? t("tips.official") : t("tips.informant")} ·{" "}
                  {formatDateTime(m.at, lang)}
                </Typography.Text>
                <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{m.body}</Typography.Text>
              </Space>
            </ListRow>
          )}
        />
      </Card>
      <Card className="page-card" title={t("reward.title")} size="small" data-testid="tip-reward">
        {tip.rewardId ? (
          <Link to="/tip-rewards">{t("reward.exists")}</Link>
        ) : tip.canProposeReward ? (
          <Form layout="vertical" onFinish={propose} style={{ maxWidth: 420 }}>
            <Form.Item label={t("reward.rule")}>
              <Select
                value={rule}
                onChange={setRule}
                data-testid="reward-rule"
                options={["major_hazard", "illegal_production", "concealed_accident"].map((r) => ({
                  value: r,
                  label: tk(`reward.rule.${r}`),
                }))}
              />
            </Form.Item>
            {rule === "concealed_accident" ? (
              <>
                <Form.Item name="grade" label={t("reward.grade")} rules={[{ required: true }]}>
                  <Select
                    options={["ordinary", "larger", "major", "especially_major"].map((g) => ({
                      value: g,
                      label: tk(`reward.grade.${g}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="concealedDeaths" label={t("reward.deaths")} rules={[{ required: true }]}>
                  <InputNumber min={1} precision={0} style={{ width: "100%" }} />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="fineYuan" label={t("reward.fine")} rules={[{ required: true }]}>
                <InputNumber min={1} precision={0} style={{ width: "100%" }} data-testid="reward-fine" />
              </Form.Item>
            )}
            {saveError != null && <Alert type="error" showIcon title={errorMessage(saveError, t)} />}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="reward-propose">
              {t("reward.propose")}
            </Button>
          </Form>
        ) : (
          <Typography.Text type="secondary">{t("reward.notYet")}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
