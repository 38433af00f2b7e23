/**
 * Third-party service providers (R27, issue 14.2). Dates of qualifications and engagements are calendar
 * days in Asia/Shanghai (`YYYY-MM-DD`), both ends included; timestamps are ISO-8601 UTC text.
 */
export interface ServiceOrgTable {
  id: string;
  /** The engaging office's region the organisation is registered in (county or township). */
  regionCode: string;
  name: string;
  uscc: string | null;
  /** The organisation's qualification (资质), e.g. 安全评价机构资质证书 编号. */
  qualification: string;
  contactName: string | null;
  contactPhone: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ServiceExpertTable {
  id: string;
  orgId: string;
  /** The organisation's region (copied, for the access rule). */
  regionCode: string;
  name: string;
  /** The expert's account (role service_provider); null until one is linked. */
  userId: string | null;
  qualification: string;
  certificateNo: string;
  validFrom: string;
  validUntil: string;
  createdAt: string;
}

export interface ServiceEngagementTable {
  id: string;
  orgId: string;
  expertId: string;
  expertUserId: string;
  regionCode: string;
  title: string;
  startsOn: string;
  endsOn: string;
  /** Ended early by the office (access ends at once). */
  endedAt: string | null;
  endedBy: string | null;
  createdBy: string;
  createdAt: string;
}

/** A site to assess or a case to guide, with the target's own region. */
export interface ServiceEngagementTargetTable {
  engagementId: string;
  targetKind: "site" | "case";
  targetId: string;
  regionCode: string;
}

export interface ServiceAssessmentTable {
  id: string;
  engagementId: string;
  orgId: string;
  expertId: string;
  expertUserId: string;
  siteId: string;
  regionCode: string;
  /** red / orange / yellow / blue (红橙黄蓝). */
  result: string;
  findings: string;
  status: "submitted" | "approved" | "rejected";
  previousRiskLevel: string | null;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface ServiceGuidanceTable {
  id: string;
  engagementId: string;
  orgId: string;
  expertId: string;
  expertUserId: string;
  caseId: string;
  regionCode: string;
  comment: string;
  evidenceCount: number;
  createdAt: string;
}

export interface ProviderTables {
  serviceOrg: ServiceOrgTable;
  serviceExpert: ServiceExpertTable;
  serviceEngagement: ServiceEngagementTable;
  serviceEngagementTarget: ServiceEngagementTargetTable;
  serviceAssessment: ServiceAssessmentTable;
  serviceGuidance: ServiceGuidanceTable;
}
