import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { App as AntApp, Avatar, Button, Layout, Menu, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, Navigate, Outlet, useLocation } from "react-router-dom";
import { roleLabel } from "../../../domain/auth/roles";
import { shanghaiDate } from "../../../domain/calendar/shanghai-time";
import { showsPersonalData } from "../../../domain/classification/personal-sections";
import { PersonalDataWatermark } from "../components/personal-data-watermark";
import { useI18n } from "../i18n/i18n-context";
import { InboxBell } from "../pages/inbox/inbox-bell";
import { useSession } from "../session/session-context";
import { LanguageToggle } from "./language-toggle";
import { sectionOfPath, visibleNav } from "./nav-sections";

const { Header, Sider, Content } = Layout;

/** The signed-in console: side menu from `nav`, header with user, language and logout. */
export function ConsoleLayout() {
  const { state, logout } = useSession();
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  if (state.status === "loading") {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (state.status === "signed-out") {
    const next = location.pathname + location.search;
    const query = new URLSearchParams();
    if (next !== "/" && state.reason !== "logged_out") query.set("next", next);
    if (state.reason === "session_expired") query.set("expired", "1");
    const search = query.toString();
    return <Navigate to={`/login${search ? `?${search}` : ""}`} replace />;
  }

  const { user, nav } = state;
  const entries = visibleNav(nav);
  const current = sectionOfPath(location.pathname);

  const onLogout = async () => {
    try {
      await logout();
    } catch {
      message.warning(t("layout.logoutFailed"));
    }
  };

  return (
    <Layout className="console">
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="md"
        onBreakpoint={setCollapsed}
        width={208}
        collapsedWidth={56}
        theme="dark"
      >
        <div className="console-brand" title={t("app.title")}>
          <span className="console-logo">▦</span>
          {!collapsed && <span className="console-brand-text">{t("app.shortTitle")}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={current ? [current.section] : []}
          items={entries.map((entry) => ({
            key: entry.section,
            icon: entry.icon,
            label: (
              <Link to={entry.path} data-testid={`nav-${entry.section}`}>
                {t(entry.label)}
              </Link>
            ),
          }))}
        />
      </Sider>
      <Layout>
        <Header className="console-header">
          <Typography.Text strong className="console-header-title">
            {t("app.title")}
          </Typography.Text>
          <Space size="middle">
            <span data-testid="user-menu" className="console-user">
              <Avatar size="small" icon={<UserOutlined />} />
              <span className="console-user-name">{user.displayName}</span>
              <Tag color="blue">{pick(roleLabel[user.role], user.role)}</Tag>
            </span>
            <InboxBell />
            <LanguageToggle />
            <Button data-testid="logout" icon={<LogoutOutlined />} onClick={onLogout}>
              {t("layout.logout")}
            </Button>
          </Space>
        </Header>
        <Content className="console-content">
          <Outlet />
        </Content>
        {showsPersonalData(current?.section) && (
          <PersonalDataWatermark
            lines={[`${user.displayName}（${user.username}）`, shanghaiDate(new Date())]}
          />
        )}
      </Layout>
    </Layout>
  );
}
