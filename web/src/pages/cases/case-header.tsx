import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Space, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import type { CaseAction } from "../../../../domain/case/case-types";
import type { CaseDetail } from "../../api/cases";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";
import { CaseActions } from "./case-actions";
import { CaseFlags } from "./case-columns";
import { DeadlineTag } from "./deadline-tag";
import { StageTag } from "./stage-tag";

/** Number, stage, type, deadline and the actor's action buttons. */
export function CaseHeader({ detail, onAction }: { detail: CaseDetail; onAction: (a: CaseAction) => void }) {
  const { t, lang } = useI18n();
  const k = detail.case;
  const colon = lang === "en" ? ": " : "：";
  return (
    <Card className="page-card" data-testid="case-header">
      <div className="case-header">
        <div>
          <div className="case-header-title">
            <Link to="/cases">
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t("detail.back")} />
            </Link>
            <Typography.Title level={3} className="case-number" data-testid="case-number">
              {k.number}
            </Typography.Title>
            <span data-testid="case-stage">
              <StageTag stage={k.stage} />
            </span>
            {k.type === "major_hazard" ? <Tag color="red">{k.typeLabel}</Tag> : <Tag>{k.typeLabel}</Tag>}
            <Tag color="blue">{k.categoryLabel}</Tag>
            <CaseFlags row={k} t={t} />
          </div>
          <Space className="case-header-meta" size="large" wrap>
            <span>
              {t("cases.owner")}
              {colon}
              {k.ownerDepartmentName ?? "—"}
            </span>
            <span>
              {t("cases.reportedAt")}
              {colon}
              {formatDateTime(k.reportedAt, lang)}
            </span>
            {k.handlerName && (
              <span data-testid="case-handler">
                {t("cases.handler")}
                {colon}
                {k.handlerName}
              </span>
            )}
            <span data-testid="case-deadline">
              {t("cases.deadline")}
              {colon}
              <DeadlineTag inline deadline={k.deadline} state={k.deadlineState} />
            </span>
          </Space>
        </div>
        <CaseActions
          stage={k.stage}
          abilities={detail.abilities}
          refusals={detail.closureRule?.refusals}
          onAction={onAction}
        />
      </div>
    </Card>
  );
}
