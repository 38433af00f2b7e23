import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  BorderInnerOutlined,
  BranchesOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FormOutlined,
  LineChartOutlined,
  NotificationOutlined,
  PieChartOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
  TrophyOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { NavSection } from "../api/types";
import type { MessageKey } from "../i18n/zh";

export interface NavEntry {
  section: NavSection;
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

/**
 * Console sections built in this web app, in menu order. The server's `nav` says which the role may
 * open; sections it lists that have no page here yet (grids, sites, coverage, cases) are not shown.
 */
export const navEntries: NavEntry[] = [
  { section: "dashboard", path: "/", label: "nav.dashboard", icon: <DashboardOutlined /> },
  { section: "statistics", path: "/statistics", label: "nav.statistics", icon: <LineChartOutlined /> },
  { section: "regions", path: "/regions", label: "nav.regions", icon: <EnvironmentOutlined /> },
  { section: "grids", path: "/grids", label: "nav.grids", icon: <BorderInnerOutlined /> },
  { section: "sites", path: "/sites", label: "nav.sites", icon: <ShopOutlined /> },
  { section: "coverage", path: "/coverage", label: "nav.coverage", icon: <PieChartOutlined /> },
  { section: "cases", path: "/cases", label: "nav.cases", icon: <AlertOutlined /> },
  { section: "departments", path: "/departments", label: "nav.departments", icon: <ApartmentOutlined /> },
  { section: "routing", path: "/routing", label: "nav.routing", icon: <BranchesOutlined /> },
  {
    section: "case_categories",
    path: "/case-categories",
    label: "nav.case_categories",
    icon: <TagsOutlined />,
  },
  { section: "users", path: "/users", label: "nav.users", icon: <TeamOutlined /> },
  { section: "trail", path: "/trail", label: "nav.trail", icon: <SafetyCertificateOutlined /> },
  { section: "security_log", path: "/security-log", label: "nav.security_log", icon: <AuditOutlined /> },
  { section: "patrols", path: "/patrols", label: "nav.patrols", icon: <CarryOutOutlined /> },
  { section: "checklists", path: "/checklists", label: "nav.checklists", icon: <CheckSquareOutlined /> },
  { section: "deliveries", path: "/deliveries", label: "nav.deliveries", icon: <FileDoneOutlined /> },
  {
    section: "task_records",
    path: "/task-records",
    label: "nav.task_records",
    icon: <NotificationOutlined />,
  },
  { section: "task_kinds", path: "/task-kinds", label: "nav.task_kinds", icon: <FormOutlined /> },
  { section: "trainings", path: "/trainings", label: "nav.trainings", icon: <ReadOutlined /> },
  { section: "assessment", path: "/assessment", label: "nav.assessment", icon: <TrophyOutlined /> },
  { section: "providers", path: "/providers", label: "nav.providers", icon: <SafetyCertificateOutlined /> },
  { section: "engaged", path: "/engaged", label: "nav.engaged", icon: <SafetyCertificateOutlined /> },
  { section: "tips", path: "/tips", label: "nav.tips", icon: <NotificationOutlined /> },
  { section: "handbook", path: "/handbook", label: "nav.handbook", icon: <BookOutlined /> },
  { section: "tip_rewards", path: "/tip-rewards", label: "nav.tip_rewards", icon: <AuditOutlined /> },
  { section: "pay", path: "/pay", label: "nav.pay", icon: <AuditOutlined /> },
  { section: "my_pay", path: "/my-pay", label: "nav.my_pay", icon: <AuditOutlined /> },
  {
    section: "tip_clients",
    path: "/tip-clients",
    label: "nav.tip_clients",
    icon: <SafetyCertificateOutlined />,
  },
  {
    section: "tip_category_map",
    path: "/tip-category-map",
    label: "nav.tip_category_map",
    icon: <FormOutlined />,
  },
  {
    section: "industry_synonyms",
    path: "/industry-synonyms",
    label: "nav.industry_synonyms",
    icon: <FormOutlined />,
  },
  {
    section: "tip_reward_rules",
    path: "/tip-reward-rules",
    label: "nav.tip_reward_rules",
    icon: <AuditOutlined />,
  },
];

/** The built sections the server allows, in menu order. */
export function visibleNav(nav: string[]): NavEntry[] {
  return navEntries.filter((entry) => nav.includes(entry.section));
}

/** The section whose page shows `pathname` (the longest matching path wins). */
export function sectionOfPath(pathname: string): NavEntry | undefined {
  return navEntries
    .filter((entry) =>
      entry.path === "/"
        ? pathname === "/"
        : pathname === entry.path || pathname.startsWith(`${entry.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}
