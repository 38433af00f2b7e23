import type { EngagedWork } from "../../../domain/provider/engaged-work";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

/** Third-party service providers (R27): organisations, experts, engagements, assessments, guidance, work. */
export interface Expert {
  id: string;
  orgId: string;
  name: string;
  userId: string | null;
  qualification: string;
  certificateNo: string;
  validFrom: string;
  validUntil: string;
  qualificationValid: boolean;
}
export interface ServiceOrg {
  id: string;
  regionCode: string;
  name: string;
  qualification: string;
  contactName: string | null;
  contactPhone: string | null;
  experts: Expert[];
  abilities: { manage: boolean };
}
export interface EngagementTarget {
  kind: "site" | "case";
  id: string;
  name: string;
  regionCode: string;
  riskLevel: string | null;
  caseStage: string | null;
}
export interface Engagement {
  id: string;
  title: string;
  regionCode: string;
  orgName: string;
  expertName: string;
  startsOn: string;
  endsOn: string;
  endedAt: string | null;
  status: "upcoming" | "active" | "expired" | "ended";
  sites: number;
  cases: number;
  targets: EngagementTarget[];
  abilities: { manage: boolean };
}
export interface Assessment {
  id: string;
  siteId: string;
  siteName: string | null;
  orgName: string | null;
  expertName: string | null;
  result: "red" | "orange" | "yellow" | "blue";
  findings: string;
  status: "submitted" | "approved" | "rejected";
  previousRiskLevel: string | null;
  submittedAt: string;
  decisionNote: string | null;
  abilities?: { decide: boolean };
}
export interface MyTarget {
  kind: "site" | "case";
  id: string;
  name: string;
  regionCode: string;
  address: string | null;
  riskLevel: string | null;
  caseStage: string | null;
  engagementTitle: string;
  endsOn: string;
  assessmentStatus: "submitted" | "approved" | "rejected" | null;
  caseOpen: boolean | null;
}
export interface WorkItem {
  id: string;
  kind: "assessment" | "guidance";
  orgName: string | null;
  expertName: string | null;
  target: string | null;
  at: string;
  result: string | null;
  status: string | null;
  text: string;
}
export interface WorkFilter {
  orgId?: string;
  from?: string;
  to?: string;
}

export const fetchOrgs = () => api.get<{ items: ServiceOrg[] }>("/service-orgs");
export const createOrg = (body: Record<string, unknown>) => api.post<ServiceOrg>("/service-orgs", body);
export const addExpert = (orgId: string, body: Record<string, unknown>) =>
  api.post<Expert>(`/service-orgs/${encodeURIComponent(orgId)}/experts`, body);
export const fetchEngagements = () => api.get<{ items: Engagement[]; today: string }>("/engagements");
export const createEngagement = (body: Record<string, unknown>) => api.post<Engagement>("/engagements", body);
export const endEngagement = (id: string) =>
  api.post<Engagement>(`/engagements/${encodeURIComponent(id)}/end`, {});
export const fetchAssessments = (status?: string) =>
  api.get<{ items: Assessment[] }>(`/assessments${queryString({ status })}`);
export const decideAssessment = (id: string, approve: boolean, note?: string) =>
  api.post<Assessment>(`/assessments/${encodeURIComponent(id)}/decision`, { approve, note });
export const fetchMyTargets = (work?: EngagedWork) =>
  api.get<{ items: MyTarget[]; today: string }>(`/provider/targets${queryString({ work })}`);
export const submitAssessment = (siteId: string, body: { result: string; findings: string }) =>
  api.post<Assessment>(`/provider/sites/${encodeURIComponent(siteId)}/assessments`, body);
export const guideCase = (caseId: string, body: { comment: string; evidenceIds: string[] }) =>
  api.post<{ id: string }>(`/provider/cases/${encodeURIComponent(caseId)}/guidance`, body);
export const fetchWork = (f: WorkFilter) =>
  api.get<{
    items: WorkItem[];
    byOrg: { orgId: string; orgName: string | null; assessments: number; guidance: number }[];
  }>(`/provider-work${queryString({ ...f })}`);
export const exportWork = (f: WorkFilter, reason: string | undefined) =>
  downloadFile(`/provider-work/export.xlsx${queryString({ ...f, reason })}`, "provider-work.xlsx");
