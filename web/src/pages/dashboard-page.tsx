import { Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import { Link } from "react-router-dom";
import { roleLabel } from "../../../domain/auth/roles";
import { formatDateTime } from "../format/date-time";
import { useI18n } from "../i18n/i18n-context";
import { visibleNav } from "../layout/nav-sections";
import { useSignedIn } from "../session/session-context";
import { ScopeSummary } from "./scope-summary";

/** Welcome page: who is signed in, their role and jurisdiction, and the sections they may open. */
export function DashboardPage() {
  const { user, nav } = useSignedIn();
  const { t, pick, lang } = useI18n();
  const sections = visibleNav(nav).filter((e) => e.section !== "dashboard");

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="dashboard-welcome">
          {t("dashboard.welcome", { name: user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t("dashboard.intro")}</Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t("dashboard.account")} style={{ height: "100%" }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: "username", label: t("users.username"), children: user.username },
                {
                  key: "role",
                  label: t("users.role"),
                  children: <Tag color="blue">{pick(roleLabel[user.role])}</Tag>,
                },
                { key: "department", label: t("users.department"), children: user.departmentName ?? "—" },
                { key: "phone", label: t("users.phone"), children: user.phone ?? "—" },
                {
                  key: "lastLogin",
                  label: t("users.lastLogin"),
                  children: formatDateTime(user.lastLoginAt, lang),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("dashboard.scope")} style={{ height: "100%" }} data-testid="dashboard-scope">
            <ScopeSummary scope={user.scope} />
          </Card>
        </Col>
      </Row>
      {sections.length > 0 && (
        <Card title={t("dashboard.sections")}>
          <Row gutter={[16, 16]}>
            {sections.map((e) => (
              <Col key={e.section} xs={12} md={8} xl={6}>
                <Link to={e.path}>
                  <Card hoverable size="small">
                    <Space>
                      {e.icon}
                      {t(e.label)}
                    </Space>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </Space>
  );
}
