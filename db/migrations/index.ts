import type { Migration } from "kysely";
import * as createCore from "./202611291000-create-core";
import * as createGridSite from "./202611291100-create-grid-site";
import * as createCase from "./202611291200-create-case";
import * as createTrailAnchor from "./202611291300-create-trail-anchor";
import * as indexUserDepartment from "./202611291400-index-user-department";
import * as createCaseCategory from "./202611291500-create-case-category";
import * as authHardening from "./202612041100-auth-hardening";
import * as createCountySetting from "./202612041200-create-county-setting";
import * as indexEventBrowse from "./202612041400-index-event-browse";
import * as createBackupRun from "./202612041600-create-backup-run";
import * as createEvidenceBlob from "./202612041800-create-evidence-blob";
import * as trailChains from "./202612041900-trail-chains";
import * as createPatrol from "./202612051000-create-patrol";
import * as createChecklist from "./202612051100-create-checklist";
import * as createDelivery from "./202612051200-create-delivery";
import * as createTaskRecords from "./202612051300-create-task-records";
import * as createUploadSession from "./202612051400-create-upload-session";
import * as createTip from "./202612051600-create-tip";
import * as createCaseSeen from "./202612052100-create-case-seen";
import * as createHandbook from "./202612061000-create-handbook";
import * as countyHotline from "./202612061010-county-hotline";
import * as createServiceProvider from "./202612061100-create-service-provider";
import * as createIndustrySynonym from "./202612061300-create-industry-synonym";
import * as tipChannelsRewards from "./202612061500-tip-channels-rewards";
import * as createCaseTally from "./202612061600-create-case-tally";
import * as createAssessment from "./202612061700-create-assessment";
import * as createPay from "./202612061710-create-pay";
import * as trainingPlans from "./202612061720-training-plans";
import * as evidenceSubject from "./202612061800-evidence-subject";
import * as userPhoto from "./202612071000-user-photo";
import * as tipOpen311Index from "./202612071100-tip-open311-index";
import * as payLineExclusion from "./202612071300-pay-line-exclusion";
import * as tallyByCounty from "./202612081000-tally-by-county";
import * as tipOpen311KindIndex from "./202612081010-tip-open311-kind-index";
import * as referenceVersion from "./202612081100-reference-version";
import * as siteSearch from "./202612101000-site-search";
import * as dashboardScale from "./202612111000-dashboard-scale";
import * as trainingAttendanceUser from "./202612121000-training-attendance-user";
import * as patrolRegionReceived from "./202612121010-patrol-region-received";
import * as sessionNotices from "./202612131000-session-notices";
import * as trainingAttendanceEntered from "./202612131010-training-attendance-entered";
import * as patrolDays from "./202612141000-patrol-days";
import * as caseDayTotal from "./202612141010-case-day-total";
import * as caseCountyEscalated from "./202612141020-case-county-escalated";
import * as patrolMet from "./202612151000-patrol-met";
import * as evidenceSubjectIndex from "./202612161000-evidence-subject-index";

/** All migrations in order. Listed explicitly (no directory scan); names sort by time. */
export const migrations: Record<string, Migration> = {
  "202611291000-create-core": createCore,
  "202611291100-create-grid-site": createGridSite,
  "202611291200-create-case": createCase,
  "202611291300-create-trail-anchor": createTrailAnchor,
  "202611291400-index-user-department": indexUserDepartment,
  "202611291500-create-case-category": createCaseCategory,
  "202612041100-auth-hardening": authHardening,
  "202612041200-create-county-setting": createCountySetting,
  "202612041400-index-event-browse": indexEventBrowse,
  "202612041600-create-backup-run": createBackupRun,
  "202612041800-create-evidence-blob": createEvidenceBlob,
  "202612041900-trail-chains": trailChains,
  "202612051000-create-patrol": createPatrol,
  "202612051100-create-checklist": createChecklist,
  "202612051200-create-delivery": createDelivery,
  "202612051300-create-task-records": createTaskRecords,
  "202612051400-create-upload-session": createUploadSession,
  "202612051600-create-tip": createTip,
  "202612052100-create-case-seen": createCaseSeen,
  "202612061000-create-handbook": createHandbook,
  "202612061010-county-hotline": countyHotline,
  "202612061100-create-service-provider": createServiceProvider,
  "202612061300-create-industry-synonym": createIndustrySynonym,
  "202612061500-tip-channels-rewards": tipChannelsRewards,
  "202612061600-create-case-tally": createCaseTally,
  "202612061700-create-assessment": createAssessment,
  "202612061710-create-pay": createPay,
  "202612061720-training-plans": trainingPlans,
  "202612061800-evidence-subject": evidenceSubject,
  "202612071000-user-photo": userPhoto,
  "202612071100-tip-open311-index": tipOpen311Index,
  "202612071300-pay-line-exclusion": payLineExclusion,
  "202612081000-tally-by-county": tallyByCounty,
  "202612081010-tip-open311-kind-index": tipOpen311KindIndex,
  "202612081100-reference-version": referenceVersion,
  "202612101000-site-search": siteSearch,
  "202612111000-dashboard-scale": dashboardScale,
  "202612121000-training-attendance-user": trainingAttendanceUser,
  "202612121010-patrol-region-received": patrolRegionReceived,
  "202612131000-session-notices": sessionNotices,
  "202612131010-training-attendance-entered": trainingAttendanceEntered,
  "202612141000-patrol-days": patrolDays,
  "202612141010-case-day-total": caseDayTotal,
  "202612141020-case-county-escalated": caseCountyEscalated,
  "202612151000-patrol-met": patrolMet,
  "202612161000-evidence-subject-index": evidenceSubjectIndex,
};
