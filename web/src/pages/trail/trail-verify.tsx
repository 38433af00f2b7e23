import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Result, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api/client";
import type { TrailVerification } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/** Checks the hash chain of the trail (全过程留痕) and shows where it breaks, if anywhere. */
export function TrailVerify() {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<{ value: TrailVerification; at: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);

  const verify = async () => {
    setRunning(true);
    setError(null);
    try {
      const value = await api.get<TrailVerification>("/trail/verify");
      setResult({ value, at: new Date().toISOString() });
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card title={t("trail.title")} className="page-card" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t("trail.intro")}</Typography.Paragraph>
      <Button
        type="primary"
        icon={<SafetyCertificateOutlined />}
        loading={running}
        onClick={verify}
        data-testid="trail-verify"
      >
        {result ? t("trail.again") : t("trail.run")}
      </Button>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginTop: 16 }} />
      )}
      {result && (
        <div data-testid="trail-result" data-ok={String(result.value.ok)}>
          <Result
            status={result.value.ok ? "success" : "error"}
            title={result.value.ok ? t("trail.ok") : t("trail.broken")}
            subTitle={t("trail.checked", { n: result.value.checked, at: formatDateTime(result.at, lang) })}
          />
          {result.value.firstBroken && (
            <Descriptions
              bordered
              size="small"
              column={1}
              title={t("trail.firstBroken")}
              items={[
                {
                  key: "id",
                  label: t("trail.eventId"),
                  children: <Typography.Text code>{result.value.firstBroken.id}</Typography.Text>,
                },
                { key: "reason", label: t("trail.reason"), children: result.value.firstBroken.reason },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}
