import type { ComponentType } from "react";
import { createBrowserRouter } from "react-router-dom";
import type { NavSection } from "./api/types";
import { PageSpinner } from "./components/page-spinner";
import { ConsoleLayout } from "./layout/console-layout";
import { RequireSection } from "./layout/require-section";
import { LoginPage } from "./pages/login-page";
import { NotFoundPage } from "./pages/not-found-page";

/** A lazily loaded page (its own chunk), shown only when `nav` allows its section. */
function sectionRoute(section: NavSection, load: () => Promise<ComponentType>) {
  return {
    lazy: async () => {
      const Page = await load();
      return {
        element: (
          <RequireSection section={section}>
            <Page />
          </RequireSection>
        ),
      };
    },
  };
}

export const router = createBrowserRouter([
  { path: "/login", Component: LoginPage },
  {
    path: "/two-factor",
    lazy: async () => ({ Component: (await import("./pages/account/two-factor-page")).TwoFactorPage }),
  },
  {
    path: "/change-password",
    lazy: async () => ({
      Component: (await import("./pages/account/change-password-page")).ChangePasswordPage,
    }),
  },
  {
    path: "/bigscreen",
    lazy: async () => ({ Component: (await import("./pages/bigscreen/big-screen-page")).BigScreenPage }),
  },
  {
    path: "/",
    Component: ConsoleLayout,
    HydrateFallback: PageSpinner,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import("./pages/dashboard-page")).DashboardPage }),
      },
      {
        path: "statistics",
        ...sectionRoute(
          "statistics",
          async () => (await import("./pages/statistics/statistics-page")).StatisticsPage,
        ),
      },
      {
        path: "regions",
        ...sectionRoute("regions", async () => (await import("./pages/regions/regions-page")).RegionsPage),
      },
      {
        path: "grids",
        ...sectionRoute("grids", async () => (await import("./pages/grids/grid-map-page")).GridMapPage),
      },
      {
        path: "grids/list",
        ...sectionRoute("grids", async () => (await import("./pages/grids/grids-list-page")).GridsListPage),
      },
      {
        path: "sites",
        ...sectionRoute("sites", async () => (await import("./pages/sites/sites-page")).SitesPage),
      },
      {
        path: "coverage",
        ...sectionRoute(
          "coverage",
          async () => (await import("./pages/coverage/coverage-page")).CoveragePage,
        ),
      },
      {
        path: "patrols",
        ...sectionRoute(
          "patrols",
          async () => (await import("./pages/patrols/patrol-coverage-page")).PatrolCoveragePage,
        ),
      },
      {
        path: "task-records",
        ...sectionRoute(
          "task_records",
          async () => (await import("./pages/tasks/task-records-page")).TaskRecordsPage,
        ),
      },
      {
        path: "task-kinds",
        ...sectionRoute(
          "task_kinds",
          async () => (await import("./pages/tasks/task-kinds-page")).TaskKindsPage,
        ),
      },
      {
        path: "trainings",
        ...sectionRoute(
          "trainings",
          async () => (await import("./pages/tasks/trainings-page")).TrainingsPage,
        ),
      },
      {
        path: "assessment",
        ...sectionRoute(
          "assessment",
          async () => (await import("./pages/assessment/assessment-page")).AssessmentPage,
        ),
      },
      {
        path: "assessment/runs/:id",
        ...sectionRoute(
          "assessment",
          async () => (await import("./pages/assessment/run-detail-page")).RunDetailPage,
        ),
      },
      {
        path: "providers",
        ...sectionRoute(
          "providers",
          async () => (await import("./pages/providers/providers-page")).ProvidersPage,
        ),
      },
      {
        path: "my-pay",
        ...sectionRoute("my_pay", async () => (await import("./pages/pay/my-pay-page")).MyPayPage),
      },
      {
        path: "engaged",
        ...sectionRoute("engaged", async () => (await import("./pages/providers/engaged-page")).EngagedPage),
      },
      {
        path: "cases",
        ...sectionRoute("cases", async () => (await import("./pages/cases/cases-page")).CasesPage),
      },
      {
        path: "cases/new",
        ...sectionRoute("cases", async () => (await import("./pages/cases/report-case-page")).ReportCasePage),
      },
      {
        path: "cases/:id",
        ...sectionRoute("cases", async () => (await import("./pages/cases/case-detail-page")).CaseDetailPage),
      },
      {
        path: "account",
        lazy: async () => ({ Component: (await import("./pages/account/account-page")).AccountPage }),
      },
      {
        path: "inbox",
        lazy: async () => ({ Component: (await import("./pages/inbox/inbox-page")).InboxPage }),
      },
      {
        path: "departments",
        ...sectionRoute(
          "departments",
          async () => (await import("./pages/departments/departments-page")).DepartmentsPage,
        ),
      },
      {
        path: "routing",
        ...sectionRoute("routing", async () => (await import("./pages/routing/routing-page")).RoutingPage),
      },
      {
        path: "case-categories",
        ...sectionRoute(
          "case_categories",
          async () => (await import("./pages/case-categories/case-categories-page")).CaseCategoriesPage,
        ),
      },
      {
        path: "checklists",
        ...sectionRoute(
          "checklists",
          async () => (await import("./pages/checklists/checklists-page")).ChecklistsPage,
        ),
      },
      {
        path: "handbook",
        ...sectionRoute(
          "handbook",
          async () => (await import("./pages/handbook/handbook-page")).HandbookPage,
        ),
      },
      {
        path: "users",
        ...sectionRoute("users", async () => (await import("./pages/users/users-page")).UsersPage),
      },
      {
        path: "trail",
        ...sectionRoute("trail", async () => (await import("./pages/trail/trail-page")).TrailPage),
      },
      {
        path: "security-log",
        ...sectionRoute(
          "security_log",
          async () => (await import("./pages/security-log/security-log-page")).SecurityLogPage,
        ),
      },
      {
        path: "deliveries",
        ...sectionRoute(
          "deliveries",
          async () => (await import("./pages/deliveries/deliveries-page")).DeliveriesPage,
        ),
      },
      {
        path: "deliveries/new",
        ...sectionRoute(
          "deliveries",
          async () => (await import("./pages/deliveries/delivery-new-page")).DeliveryNewPage,
        ),
      },
      {
        path: "deliveries/:id",
        ...sectionRoute(
          "deliveries",
          async () => (await import("./pages/deliveries/delivery-detail-page")).DeliveryDetailPage,
        ),
      },
      {
        path: "tips",
        ...sectionRoute("tips", async () => (await import("./pages/tips/tip-queue-page")).TipQueuePage),
      },
      {
        path: "tips/:id",
        ...sectionRoute("tips", async () => (await import("./pages/tips/tip-detail-page")).TipDetailPage),
      },
      {
        path: "tip-rewards",
        ...sectionRoute(
          "tip_rewards",
          async () => (await import("./pages/tips/tip-rewards-page")).TipRewardsPage,
        ),
      },
      {
        path: "pay",
        ...sectionRoute("pay", async () => (await import("./pages/pay/pay-page")).PayPage),
      },
      {
        path: "pay/:id",
        ...sectionRoute("pay", async () => (await import("./pages/pay/pay-sheet-page")).PaySheetPage),
      },
      {
        path: "tip-clients",
        ...sectionRoute(
          "tip_clients",
          async () => (await import("./pages/tips/tip-clients-page")).TipClientsPage,
        ),
      },
      {
        path: "tip-category-map",
        ...sectionRoute(
          "tip_category_map",
          async () => (await import("./pages/tips/tip-category-map-page")).TipCategoryMapPage,
        ),
      },
      {
        path: "industry-synonyms",
        ...sectionRoute(
          "industry_synonyms",
          async () => (await import("./pages/sites/industry-synonyms-page")).IndustrySynonymsPage,
        ),
      },
      {
        path: "tip-reward-rules",
        ...sectionRoute(
          "tip_reward_rules",
          async () => (await import("./pages/tips/tip-reward-rules-page")).TipRewardRulesPage,
        ),
      },
    ],
  },
  { path: "*", Component: NotFoundPage },
]);
