import { Alert, Button, Card, Form, InputNumber, message, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { fetchRewardRules, type RewardRules, type RewardRulesView, saveRewardRules } from "../../api/tips";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { CountyPicker, useFirstCounty } from "./tip-county-picker";

const grades = ["ordinary", "larger", "major", "especially_major"] as const;
const offices = ["province_office", "city_office", "county_office"];

/**
 * 举报奖励规则 (R20): the county's reward rules (share of the fine, minimum, maximum, per concealed death
 * and cap). Read by the tip officer, finance and the offices; saved by the offices only. The server
 * refuses a minimum above the maximum or a negative amount (422, with the reason in Chinese).
 */
export function TipRewardRulesPage() {
  const { t } = useI18n();
  const tk = t as (key: string) => string;
  const { user } = useSignedIn();
  const canSave = offices.includes(user?.role ?? "");
  const [county, setCounty] = useState(useFirstCounty());
  const [view, setView] = useState<RewardRulesView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<RewardRules>();
  useEffect(() => {
    if (!county) return;
    setView(null);
    fetchRewardRules(county)
      .then((v) => {
        setView(v);
        setError(null);
        form.setFieldsValue(v.rules);
      })
      .catch(setError);
  }, [county, form]);
  const save = async (rules: RewardRules) => {
    setBusy(true);
    try {
      const v = await saveRewardRules(county, rules);
      setView(v);
      setError(null);
      form.setFieldsValue(v.rules);
      message.success(t("rules.saved"));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const yuan = (name: string | string[], label: string, testId: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber
        precision={0}
        disabled={!canSave}
        style={{ width: "100%" }}
        formatter={(v) => `${v ?? ""}`.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}
        parser={(v) => Number((v ?? "").replace(/,/g, "")) as unknown as 0}
        data-testid={testId}
      />
    </Form.Item>
  );
  return (
    <Card className="page-card" title={t("rules.title")} data-testid="tip-reward-rules">
      <Typography.Paragraph type="secondary">{t("rules.intro")}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: "100%" }} size={12}>
        <CountyPicker value={county} onOpen={setCounty} />
        {view && (
          <Tag color={view.national ? "default" : "blue"} data-testid="rules-source">
            {t(view.national ? "rules.national" : "rules.own")}
          </Tag>
        )}
        {!canSave && <Alert type="info" showIcon title={t("rules.readOnly")} />}
        {error != null && (
          <Alert type="error" showIcon title={errorMessage(error, t)} data-testid="rules-error" />
        )}
        {view && (
          <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 520 }}>
            <Form.Item name="finePercent" label={t("rules.finePercent")} rules={[{ required: true }]}>
              <InputNumber disabled={!canSave} style={{ width: "100%" }} data-testid="rules-finePercent" />
            </Form.Item>
            {yuan("minYuan", t("rules.minYuan"), "rules-minYuan")}
            {yuan("maxYuan", t("rules.maxYuan"), "rules-maxYuan")}
            <Typography.Text strong>{t("rules.perDeath")}</Typography.Text>
            {grades.map((g) => yuan(["perDeathYuan", g], tk(`reward.grade.${g}`), `rules-perDeath-${g}`))}
            {yuan("concealedMaxYuan", t("rules.concealedMaxYuan"), "rules-concealedMaxYuan")}
            {canSave && (
              <Button type="primary" htmlType="submit" loading={busy} data-testid="rules-save">
                {t("rules.save")}
              </Button>
            )}
          </Form>
        )}
      </Space>
    </Card>
  );
}
