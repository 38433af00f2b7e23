/** Assessment (R23), pay and equipment (R20), training plans (R19): issue 13. JSON as text, times ISO text. */
export interface AssessmentSchemeTable {
  id: string;
  regionCode: string;
  level: string;
  name: string;
  /** JSON SchemeDefinition (domain/assessment/scheme-schemas.ts). */
  definition: string;
  status: "active" | "retired";
  createdBy: string;
  createdAt: string;
}
export type AssessmentRunStatus = "computed" | "reviewed" | "published" | "superseded";
export interface AssessmentRunTable {
  id: string;
  schemeId: string;
  schemeName: string;
  level: string;
  regionCode: string;
  /** YYYY-MM. */
  period: string;
  periodFrom: string;
  periodTo: string;
  version: number;
  status: AssessmentRunStatus;
  /** The scheme's definition as it was run (a later change of the scheme does not touch a run). */
  definition: string;
  subjectCount: number;
  reason: string | null;
  runBy: string;
  runAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
}
export interface AssessmentResultTable {
  id: string;
  runId: string;
  subjectType: string;
  subjectId: string;
  subjectName: string;
  regionCode: string;
  computedScore: number;
  adjustment: number;
  finalScore: number;
  rank: number | null;
  /** JSON Breakdown (domain/assessment/assessment-engine.ts). */
  breakdown: string;
}
export interface AssessmentAdjustmentTable {
  id: string;
  runId: string;
  resultId: string;
  delta: number;
  reason: string;
  madeBy: string;
  madeAt: string;
}
export interface PaySettingTable {
  regionCode: string;
  settings: string;
  updatedBy: string;
  updatedAt: string;
}
export interface PayProfileTable {
  userId: string;
  regionCode: string;
  bankName: string;
  bankAccount: string;
  updatedBy: string;
  updatedAt: string;
}
export interface PaySheetTable {
  id: string;
  regionCode: string;
  month: string;
  version: number;
  status: "draft" | "approved" | "superseded";
  settings: string;
  assessmentRunId: string | null;
  total: number;
  lineCount: number;
  problemCount: number;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}
export interface PayLineTable {
  id: string;
  sheetId: string;
  userId: string;
  name: string;
  regionCode: string;
  employment: "full_time" | "part_time";
  score: number | null;
  base: number;
  performance: number;
  rewards: number;
  rewardCount: number;
  deductions: number;
  missedSites: number;
  total: number;
  bankName: string | null;
  accountMasked: string | null;
  /** "no_bank_account" when the worker has none on file (the sheet cannot be approved). */
  problem: string | null;
  detail: string;
  /** Left out of the payment, with the reason and who decided (issue 13.5). */
  excludedReason: string | null;
  excludedBy: string | null;
}
export interface EquipmentIssueTable {
  id: string;
  userId: string;
  regionCode: string;
  item: string;
  quantity: number;
  issuedOn: string;
  note: string | null;
  returnedOn: string | null;
  recordedBy: string;
  recordedAt: string;
}
export interface TrainingPlanTable {
  id: string;
  regionCode: string;
  year: number;
  title: string;
  content: string;
  plannedSessions: number;
  plannedHours: number;
  createdBy: string;
  createdAt: string;
}
export interface AssessmentTables {
  assessmentScheme: AssessmentSchemeTable;
  assessmentRun: AssessmentRunTable;
  assessmentResult: AssessmentResultTable;
  assessmentAdjustment: AssessmentAdjustmentTable;
  paySetting: PaySettingTable;
  payProfile: PayProfileTable;
  paySheet: PaySheetTable;
  payLine: PayLineTable;
  equipmentIssue: EquipmentIssueTable;
  trainingPlan: TrainingPlanTable;
}
