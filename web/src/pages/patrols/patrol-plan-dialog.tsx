import { Alert, App as AntApp, Button, Modal, Select, Spin, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import {
  type PatrolFrequency,
  type PatrolPlan,
  patrolFrequencies,
  patrolFrequencyLabel,
} from "../../../../domain/patrol/patrol-plan";
import {
  riskLevelLabel,
  riskLevels,
  type SiteKind,
  siteKindLabel,
  siteKinds,
} from "../../../../domain/site/site-kinds";
import { fetchPatrolPlan, type PatrolPlanView, updatePatrolPlan } from "../../api/patrols";
import { errorMessage } from "../../components/error-message";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

/** The county's patrol plan: a frequency per risk level, for unrated sites, and optionally per site kind. */
export function PatrolPlanDialog(props: { county: string | null; onClose: () => void; onSaved: () => void }) {
  const { t, pick, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [view, setView] = useState<PatrolPlanView | null>(null);
  const [plan, setPlan] = useState<PatrolPlan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const { county } = props;

  useEffect(() => {
    setView(null);
    setPlan(null);
    setError(null);
    if (!county) return;
    fetchPatrolPlan(county)
      .then((v) => {
        setView(v);
        setPlan(v.plan);
      })
      .catch(setError);
  }, [county]);

  const options = patrolFrequencies.map((f) => ({ value: f, label: pick(patrolFrequencyLabel[f]) }));
  const readOnly = !view?.abilities.manage;
  const pickFreq = (value: PatrolFrequency, onChange: (f: PatrolFrequency) => void, testId: string) => (
    <Select value={value} options={options} onChange={onChange} disabled={readOnly} data-testid={testId} />
  );
  const save = async () => {
    if (!county || !plan) return;
    setSaving(true);
    try {
      await updatePatrolPlan(county, plan);
      message.success(t("patrols.planSaved"));
      props.onSaved();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={county !== null}
      title={view ? t("patrols.planTitle", { county: view.regionName }) : t("patrols.plan")}
      onCancel={props.onClose}
      width={560}
      footer={[
        !readOnly && view && (
          <Button key="reset" onClick={() => setPlan(view.defaults)}>
            {t("patrols.planReset")}
          </Button>
        ),
        <Button key="cancel" onClick={props.onClose}>
          {t("common.cancel")}
        </Button>,
        !readOnly && (
          <Button key="save" type="primary" loading={saving} onClick={save} data-testid="patrol-plan-save">
            {t("common.save")}
          </Button>
        ),
      ]}
    >
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {!plan && error == null && <Spin />}
      {view && plan && (
        <div data-testid="patrol-plan">
          <Typography.Paragraph type="secondary">
            <Tag color={view.custom ? "blue" : undefined}>
              {view.custom ? t("patrols.planCustom") : t("patrols.planDefault")}
            </Tag>
            {t("patrols.planIntro")}
            {view.updatedAt && ` ${formatDateTime(view.updatedAt, lang)}`}
          </Typography.Paragraph>
          {readOnly && (
            <Alert type="info" showIcon title={t("patrols.planReadOnly")} style={{ marginBottom: 12 }} />
          )}
          <Typography.Title level={5}>{t("patrols.planByRisk")}</Typography.Title>
          {riskLevels.map((r) => (
            <div className="sg-plan-row" key={r}>
              <span>{pick(riskLevelLabel[r])}</span>
              {pickFreq(
                plan.byRisk[r],
                (f) => setPlan({ ...plan, byRisk: { ...plan.byRisk, [r]: f } }),
                `plan-${r}`,
              )}
            </div>
          ))}
          <div className="sg-plan-row">
            <span>{t("patrols.planUnrated")}</span>
            {pickFreq(plan.unrated, (f) => setPlan({ ...plan, unrated: f }), "plan-unrated")}
          </div>
          <Typography.Title level={5}>{t("patrols.planByKind")}</Typography.Title>
          {siteKinds.map((k: SiteKind) => (
            <div className="sg-plan-row" key={k}>
              <span>{pick(siteKindLabel[k])}</span>
              <Select<PatrolFrequency | "">
                value={plan.byKind[k] ?? ""}
                disabled={readOnly}
                data-testid={`plan-kind-${k}`}
                options={[{ value: "", label: t("patrols.planFollowRisk") }, ...options]}
                onChange={(f) => {
                  const byKind = { ...plan.byKind };
                  if (f) byKind[k] = f;
                  else delete byKind[k];
                  setPlan({ ...plan, byKind });
                }}
              />
            </div>
          ))}
        </div>
      )}
    </Modal>
  );
}
