import { Alert, App as AntApp, Badge, Button, Card, Result, Space, Spin, Tabs } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { type CaseAction, caseActionLabel } from "../../../../domain/case/case-types";
import { type CaseDetail, type CaseView, fetchCase } from "../../api/cases";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { ActionDialog } from "./action-dialog";
import { CaseEvidence } from "./case-evidence";
import { CaseHeader } from "./case-header";
import { CaseInfo } from "./case-info";
import { CaseLocationCard } from "./case-location-card";
import { CaseNotifications } from "./case-notifications";
import { CaseTimeline } from "./case-timeline";
import { CaseTipThread } from "./case-tip-thread";
import "./cases.css";

/** /cases/:id: header with stage and deadline, the actor's actions, facts, map, timeline, evidence, notices. */
export function CaseDetailPage() {
  const { id = "" } = useParams();
  const { t, pick, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [acting, setActing] = useState<CaseAction | null>(null);
  // the actor's own action took the case out of their sight (returned, forwarded): say so, not "not found"
  const [handedOver, setHandedOver] = useState<{ action: CaseAction; kase: CaseView } | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await fetchCase(id));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another case starts from a spinner
  useEffect(() => {
    setDetail(null);
    setHandedOver(null);
  }, [id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloaded in the new language (labels come from the server)
  useEffect(() => {
    load();
  }, [load, lang]);

  if (handedOver)
    return (
      <Card className="page-card" data-testid="case-handed-over">
        <Result
          status="success"
          title={t("detail.handedOver", {
            action: pick(caseActionLabel[handedOver.action]),
            number: handedOver.kase.number,
          })}
          subTitle={t("detail.handedOverHint", { owner: handedOver.kase.ownerDepartmentName ?? "—" })}
          extra={
            <Link to="/cases">
              <Button type="primary">{t("detail.backToQueues")}</Button>
            </Link>
          }
        />
      </Card>
    );
  if (error && !detail) {
    if (error instanceof ApiError && error.status === 404)
      return <Result status="404" title={t("error.not_found")} />;
    return <Alert type="error" showIcon title={errorMessage(error, t)} />;
  }
  if (!detail)
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="case-detail">
      <CaseHeader detail={detail} onAction={setActing} />
      {error != null && <Alert type="warning" showIcon title={errorMessage(error, t)} />}
      <div className="case-detail-grid">
        <CaseInfo detail={detail} />
        <CaseLocationCard detail={detail} />
      </div>
      <Card size="small">
        <Tabs
          items={[
            {
              key: "timeline",
              label: t("detail.timeline"),
              children: <CaseTimeline items={detail.timeline} />,
            },
            {
              key: "evidence",
              label: (
                <span>
                  {t("evidence.title")}{" "}
                  {detail.evidence.length > 0 && <Badge count={detail.evidence.length} color="#1554ad" />}
                </span>
              ),
              children: <CaseEvidence items={detail.evidence} />,
            },
            {
              key: "notifications",
              label: (
                <span data-testid="tab-notifications">
                  {t("detail.notifications")}{" "}
                  {detail.notifications.length > 0 && (
                    <Badge count={detail.notifications.length} color="#8c8c8c" />
                  )}
                </span>
              ),
              children: <CaseNotifications items={detail.notifications} />,
            },
            ...(detail.case.source === "public_tip"
              ? [
                  {
                    key: "tip",
                    label: <span data-testid="tab-tip">{t("tips.thread")}</span>,
                    children: <CaseTipThread caseId={detail.case.id} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <ActionDialog
        action={acting}
        detail={detail}
        onClose={() => setActing(null)}
        onStale={load}
        onDone={(result) => {
          const done = acting ?? "triage";
          message.success(t("action.done", { action: pick(caseActionLabel[done]) }));
          setDetail((d) => (d ? { ...d, case: result.case, abilities: result.abilities } : d));
          fetchCase(id)
            .then((d) => {
              setDetail(d);
              setError(null);
            })
            .catch((err) => {
              if (err instanceof ApiError && err.status === 404)
                setHandedOver({ action: done, kase: result.case });
              else setError(err);
            });
        }}
      />
    </Space>
  );
}
