import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { Navigate, useNavigate } from "react-router-dom";
import { confirmEnrolment, type Enrolment, startEnrolment } from "../../api/account";
import { errorMessage } from "../../components/error-message";
import { PageSpinner } from "../../components/page-spinner";
import { useI18n } from "../../i18n/i18n-context";
import { LanguageToggle } from "../../layout/language-toggle";
import { useSession } from "../../session/session-context";

/**
 * Enrols an authenticator: QR code (and the secret to type by hand), confirmation with a code, then the ten
 * recovery codes, shown once. Required for the three administrators at their first sign-in; optional for others.
 */
export function TwoFactorPage() {
  const { state, refresh } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed =
    (state.status === "second-factor" && state.stage === "mfa_enrol") ||
    (state.status === "signed-in" && !state.twoFactor.enrolled);

  useEffect(() => {
    if (!allowed || enrolment || codes) return;
    startEnrolment()
      .then(setEnrolment)
      .catch((err) => setError(errorMessage(err, t)));
  }, [allowed, enrolment, codes, t]);

  if (state.status === "loading") return <PageSpinner />;
  if (state.status === "signed-out") return <Navigate to="/login" replace />;
  if (!allowed && !codes) return <Navigate to="/" replace />;

  const onConfirm = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      setCodes((await confirmEnrolment(code.trim())).recoveryCodes);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  const onDone = async () => {
    await refresh();
    navigate("/", { replace: true });
  };
  const required = state.status === "second-factor";

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageToggle />
      </div>
      <Card className="login-card enrol-card" data-testid="totp-enrol">
        <Typography.Title level={3} className="login-title">
          {t("enrol.title")}
        </Typography.Title>
        <Alert
          type={required ? "warning" : "info"}
          showIcon
          title={t(required ? "enrol.required" : "enrol.optional")}
          style={{ marginBottom: 16 }}
        />
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            role="alert"
            data-testid="enrol-error"
          />
        )}
        {codes ? (
          <div data-testid="recovery-codes">
            <Typography.Title level={5}>{t("enrol.recoveryTitle")}</Typography.Title>
            <Typography.Paragraph type="secondary">{t("enrol.recoveryHint")}</Typography.Paragraph>
            <ol className="recovery-codes">
              {codes.map((c) => (
                <li key={c}>
                  <Typography.Text code copyable={false}>
                    {c}
                  </Typography.Text>
                </li>
              ))}
            </ol>
            <Button type="primary" block size="large" onClick={onDone} data-testid="recovery-done">
              {t("enrol.done")}
            </Button>
          </div>
        ) : enrolment ? (
          <>
            <Typography.Paragraph strong>{t("enrol.step1")}</Typography.Paragraph>
            <div className="enrol-qr">
              <img src={enrolment.qrDataUrl} alt="TOTP QR" width={200} height={200} data-testid="totp-qr" />
            </div>
            <Typography.Paragraph>
              {t("enrol.secret")}：
              <Typography.Text code copyable data-testid="totp-secret">
                {enrolment.secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph strong>{t("enrol.step2")}</Typography.Paragraph>
            <Form layout="vertical" size="large" onFinish={onConfirm} requiredMark={false}>
              <Form.Item
                name="code"
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t("totp.codeRequired") }]}
              >
                <Input
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={6}
                  data-testid="totp-enrol-code"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="totp-enrol-submit">
                {t("enrol.confirm")}
              </Button>
            </Form>
          </>
        ) : (
          !error && <PageSpinner />
        )}
      </Card>
    </div>
  );
}
