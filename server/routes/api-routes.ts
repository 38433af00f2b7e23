import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Deps } from "../deps";
import { assessmentRoutes } from "./assessment-routes";
import { authRoutes } from "./auth-routes";
import { caseCategoryRoutes } from "./case-category-routes";
import { caseEvidenceRoutes } from "./case-evidence-routes";
import { caseReferenceRoutes } from "./case-reference-routes";
import { caseRoutes } from "./case-routes";
import { checklistRoutes } from "./checklist-routes";
import { countySettingRoutes } from "./county-setting-routes";
import { coverageRoutes } from "./coverage-routes";
import { dashboardRoutes } from "./dashboard-routes";
import { deliveryRoutes } from "./delivery-routes";
import { departmentRoutes } from "./department-routes";
import { fieldSyncRoutes } from "./field-sync-routes";
import { gridImportRoutes } from "./grid-import-routes";
import { gridRoutes } from "./grid-routes";
import { healthRoutes } from "./health-routes";
import { industryRoutes } from "./industry-routes";
import { mapRoutes } from "./map-routes";
import { notificationRoutes } from "./notification-routes";
import { patrolRoutes } from "./patrol-routes";
import { payRoutes } from "./pay-routes";
import { printRoutes } from "./print-routes";
import { providerRoutes } from "./provider-routes";
import { regionRoutes } from "./region-routes";
import { routingRoutes } from "./routing-routes";
import { securityRoutes } from "./security-routes";
import { siteImportRoutes } from "./site-import-routes";
import { siteRoutes } from "./site-routes";
import { taskRoutes } from "./task-routes";
import { tipChannelRoutes } from "./tip-channel-routes";
import { tipRoutes } from "./tip-routes";
import { trailRoutes } from "./trail-routes";
import { trainingRoutes } from "./training-routes";
import { userPhotoRoutes } from "./user-photo-routes";
import { userRoutes } from "./user-routes";
import { workbenchRoutes } from "./workbench-routes";

/** Every API route group, listed explicitly. Later issues add theirs to `v1`. */
export function apiRoutes(deps: Deps): FastifyPluginAsyncZod {
  const v1 = [
    authRoutes,
    regionRoutes,
    departmentRoutes,
    routingRoutes,
    userRoutes,
    securityRoutes,
    trailRoutes,
    gridRoutes,
    siteRoutes,
    siteImportRoutes,
    coverageRoutes,
    mapRoutes,
    gridImportRoutes,
    industryRoutes,
  ];
  // The closed loop (issue 4): cases, evidence, deadline rules, inbox and webhooks.
  const closedLoop = [
    caseRoutes,
    caseEvidenceRoutes,
    caseReferenceRoutes,
    caseCategoryRoutes,
    notificationRoutes,
    countySettingRoutes,
    tipRoutes,
    tipChannelRoutes,
    workbenchRoutes,
    dashboardRoutes,
  ];
  // The field app (issue 9): sync, patrols, checklists, deliveries, task records, training.
  const field = [fieldSyncRoutes, patrolRoutes, checklistRoutes, deliveryRoutes];
  // The grid worker's day (issue 9): outreach, assistance, county task kinds and training (R14, R16, R17, R19).
  const fieldWork = [taskRoutes, trainingRoutes];
  // Printables (issue 14): grid handbook, duty cards, grid maps (R9, R10).
  const printables = [printRoutes, userPhotoRoutes];
  // Third-party service providers (issue 14.2, R27).
  const providers = [providerRoutes];
  // Oversight (issue 13.4–13.6): assessment of the level below, pay and rewards, equipment, training plans.
  const oversight = [assessmentRoutes, payRoutes];
  return async (app) => {
    await app.register(healthRoutes(deps));
    for (const group of v1) await app.register(group(deps), { prefix: "/api/v1" });
    for (const group of closedLoop) await app.register(group(deps), { prefix: "/api/v1" });
    for (const group of field) await app.register(group(deps), { prefix: "/api/v1" });
    for (const group of fieldWork) await app.register(group(deps), { prefix: "/api/v1" });
    for (const group of printables) await app.register(group(deps), { prefix: "/api/v1" });
    for (const group of providers) await app.register(group(deps), { prefix: "/api/v1" });
    for (const group of oversight) await app.register(group(deps), { prefix: "/api/v1" });
  };
}
