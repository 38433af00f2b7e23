import { App, Input, Space, Switch, Typography } from "antd";
import { useEffect, useState } from "react";
import { type CountySettings, fetchCountySettings, updateCountySettings } from "../../api/county-settings";
import { errorMessage } from "../../components/error-message";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/**
 * 同人不得闭环 for a county: whether another person must re-check and close (on by default). Offices
 * covering the county switch it; everyone else sees the rule in force. Shown only for a county.
 */
export function ClosureRuleCard({ county }: { county: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [settings, setSettings] = useState<CountySettings | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setSettings(null);
    fetchCountySettings(county)
      .then(setSettings)
      .catch(() => setSettings(null));
  }, [county]);
  if (!settings) return null;
  const saveHotline = async (value: string) => {
    setBusy(true);
    try {
      setSettings(await updateCountySettings(county, { hotline: value.trim() || null }));
      message.success(t("hotline.saved"));
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  const change = async (on: boolean) => {
    setBusy(true);
    try {
      setSettings(await updateCountySettings(county, { anotherPersonCloses: on }));
      message.success(t("closureRule.saved"));
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="closure-rule" data-testid="closure-rule">
      <Space wrap>
        <Typography.Text strong>{t("closureRule.title")}</Typography.Text>
        <Switch
          checked={settings.anotherPersonCloses}
          disabled={!settings.abilities.manage}
          loading={busy}
          onChange={change}
          data-testid="closure-rule-switch"
        />
        <Typography.Text>
          {t(settings.anotherPersonCloses ? "closureRule.on" : "closureRule.off")}
        </Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>
        {t("closureRule.intro")}
        {settings.updatedAt && ` ${t("closureRule.updatedAt")}${formatDateTime(settings.updatedAt, lang)}`}
      </Typography.Paragraph>
      <Space wrap style={{ marginTop: 8 }}>
        <Typography.Text strong>{t("hotline.title")}</Typography.Text>
        {settings.abilities.manage ? (
          <Input.Search
            key={settings.hotline ?? ""}
            defaultValue={settings.hotline ?? ""}
            placeholder={t("hotline.placeholder")}
            enterButton={t("common.save")}
            loading={busy}
            onSearch={(v) => void saveHotline(v)}
            style={{ width: 280 }}
            data-testid="hotline-input"
          />
        ) : (
          <Typography.Text>{settings.hotline ?? t("hotline.unset")}</Typography.Text>
        )}
        <Typography.Text type="secondary">{t("hotline.intro")}</Typography.Text>
      </Space>
    </div>
  );
}
