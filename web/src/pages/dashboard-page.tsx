import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { departmentRoles, type Role, roleLabel } from "../../../domain/auth/roles";
import { workbenchRoles } from "../../../domain/workbench/workbench-indicators";
import { fetchWorkbench, type Workbench } from "../api/workbench";
import { errorMessage } from "../components/error-message";
import { formatDateTime } from "../format/date-time";
import { useI18n } from "../i18n/i18n-context";
import { useSignedIn } from "../session/session-context";
import { MyAssessmentCard } from "./assessment/my-assessment-card";
import { ScopeSummary } from "./scope-summary";
import { MonthFigures, RecentActivity, WorkCounts } from "./workbench-panels";

/**
 * 工作台 (issue 13.1): the counts that need the user now (each a link to the list it counts), this month's
 * figures and recent activity; administrators, who have no case work, see their account and jurisdiction.
 */
/** The assessed (R23): they read their own published results (the access table's assessmentResult.mine). */
const assessedRoles: Role[] = ["grid_worker", "township_station", ...departmentRoles];

export function DashboardPage() {
  const { user } = useSignedIn();
  const { t, pick, lang } = useI18n();
  const hasWorkbench = workbenchRoles.includes(user.role);
  const [data, setData] = useState<Workbench | null>(null);
  const [error, setError] = useState<unknown>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: labels come from the server in the chosen language
  useEffect(() => {
    if (!hasWorkbench) return;
    fetchWorkbench().then(setData).catch(setError);
  }, [hasWorkbench, lang]);

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }} data-testid="workbench">
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-welcome">
          {t("dashboard.welcome", { name: user.displayName })}
        </Typography.Title>
        <Space wrap size={4} style={{ marginTop: 8 }}>
          <Tag color="blue">{pick(roleLabel[user.role])}</Tag>
          {user.departmentName && <Tag>{user.departmentName}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("users.lastLogin")}: {formatDateTime(user.lastLoginAt, lang)}
          </Typography.Text>
        </Space>
      </Card>
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      {hasWorkbench && !data && error == null && <Skeleton active />}
      {data && <WorkCounts data={data} />}
      <Row gutter={[16, 16]}>
        {data && (
          <Col xs={24} lg={12}>
            <MonthFigures data={data} />
          </Col>
        )}
        {data && (
          <Col xs={24} lg={12}>
            <RecentActivity data={data} />
          </Col>
        )}
        {assessedRoles.includes(user.role) && (
          <Col xs={24} lg={12}>
            <MyAssessmentCard />
          </Col>
        )}
        <Col xs={24} lg={hasWorkbench && !assessedRoles.includes(user.role) ? 24 : 12}>
          <Card title={t("dashboard.scope")} size="small" data-testid="dashboard-scope">
            <ScopeSummary scope={user.scope} />
          </Card>
        </Col>
        {!hasWorkbench && (
          <Col xs={24} lg={12}>
            <Card title={t("dashboard.account")} size="small">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: "username", label: t("users.username"), children: user.username },
                  { key: "phone", label: t("users.phone"), children: user.phone ?? "—" },
                ]}
              />
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
