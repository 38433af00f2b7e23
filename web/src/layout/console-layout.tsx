import { LogoutOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
import {
  App as AntApp,
  Avatar,
  Button,
  Drawer,
  Grid,
  Layout,
  Menu,
  Space,
  Spin,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, Navigate, Outlet, useLocation } from "react-router-dom";
import { roleLabel } from "../../../domain/auth/roles";
import { shanghaiDate } from "../../../domain/calendar/shanghai-time";
import { showsPersonalData } from "../../../domain/classification/personal-sections";
import { PersonalDataWatermark } from "../components/personal-data-watermark";
import { useI18n } from "../i18n/i18n-context";
import { InboxBell } from "../pages/inbox/inbox-bell";
import { useSession } from "../session/session-context";
import { FieldAppOffer } from "./field-app-offer";
import { LanguageToggle } from "./language-toggle";
import { sectionOfPath, visibleNav } from "./nav-sections";

const { Header, Sider, Content } = Layout;

/**
 * The signed-in console: side menu from `nav`, header with user, language and logout. At phone width
 * (below antd's `md`, 768 px) the side menu becomes a drawer opened from the header's menu button, the
 * header keeps its controls on screen, and grid workers and committee members are offered the field app.
 */
export function ConsoleLayout() {
  const { state, logout } = useSession();
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  // before the first measurement `md` is undefined: decide from the window so a phone never flashes the sider
  const phone = screens.md === undefined ? window.innerWidth < 768 : !screens.md;

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

  if (state.status === "second-factor")
    return <Navigate to={state.stage === "mfa_enrol" ? "/two-factor" : "/login"} replace />;
  if (state.passwordChangeRequired) return <Navigate to="/change-password" replace />;

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

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={current ? [current.section] : []}
      onClick={() => setDrawerOpen(false)}
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
  );
  const brand = (folded: boolean) => (
    <div className="console-brand" title={t("app.title")}>
      <span className="console-logo">▦</span>
      {!folded && <span className="console-brand-text">{t("app.shortTitle")}</span>}
    </div>
  );

  return (
    <Layout className={phone ? "console console-phone" : "console"}>
      {phone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          className="console-drawer"
          styles={{ body: { padding: 0, background: "#001529" } }}
          data-testid="nav-drawer"
        >
          {brand(false)}
          {menu}
        </Drawer>
      ) : (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          onBreakpoint={setCollapsed}
          width={208}
          collapsedWidth={56}
          theme="dark"
        >
          {brand(collapsed)}
          {menu}
        </Sider>
      )}
      <Layout>
        <Header className="console-header">
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t("phone.menu")}
              data-testid="nav-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Typography.Text strong className="console-header-title">
            {t(phone ? "app.shortTitle" : "app.title")}
          </Typography.Text>
          <Space size={phone ? "small" : "middle"}>
            <span data-testid="user-menu" className="console-user">
              <Link to="/account" aria-label={t("account.title")} data-testid="nav-account-icon">
                <Avatar size="small" icon={<UserOutlined />} />
              </Link>
              <Link
                to="/account"
                className="console-user-name"
                data-testid="nav-account"
                title={t("account.title")}
              >
                {user.displayName}
              </Link>
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
          <FieldAppOffer role={user.role} phone={phone} />
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
