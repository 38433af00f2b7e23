import type { ItemScore as EngineItemScore } from "../../../domain/assessment/assessment-engine";
import type { Label, RecordRef, SubjectLevel } from "../../../domain/assessment/indicator";
import type { MyAssessmentResult } from "../../../domain/assessment/my-result";
import type { ScoringRule } from "../../../domain/assessment/scoring-rules";
import type { EvidenceView } from "./cases";
import { api, queryString } from "./client";
import { downloadFile } from "./file-transfer";

/** Assessment of the level below (R23, issue 13.4): the console's calls to /assessment-*. */
export type { Label, RecordRef, ScoringRule, SubjectLevel };

export interface CatalogueIndicator {
  id: string;
  zh: string;
  en: string;
  unit: "percent" | "count";
  formula: Label;
  higherIsBetter: boolean;
  levels: SubjectLevel[];
}
export interface SchemeDefinition {
  level: SubjectLevel;
  indicators: { indicatorId: string; weight: number; rule: ScoringRule }[];
  manualItems: { id: string; zh: string; maxPoints: number }[];
}
export interface Scheme {
  id: string;
  name: string;
  regionCode: string;
  level: SubjectLevel;
  status: "active" | "retired";
  definition: SchemeDefinition;
  createdAt: string;
  abilities: { run: boolean };
}
export interface SchemeInput {
  name: string;
  regionCode: string;
  level: SubjectLevel;
  indicators: SchemeDefinition["indicators"];
  manualItems: SchemeDefinition["manualItems"];
}

export type RunStatus = "computed" | "reviewed" | "published" | "superseded";
export interface RunAbilities {
  adjust: boolean;
  review: boolean;
  publish: boolean;
  export: boolean;
}
export interface RunSummary {
  id: string;
  schemeId: string;
  schemeName: string;
  level: SubjectLevel;
  regionCode: string;
  period: string;
  version: number;
  status: RunStatus;
  subjectCount: number;
  reason: string | null;
  runBy: string;
  runAt: string;
  runByName: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  reviewNote: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  publishedByName: string | null;
  abilities: RunAbilities;
}
/** A scored indicator as the API sends it: the records behind it only in a result's detail (with their count). */
export type ItemScore = Omit<EngineItemScore, "records"> & { records?: RecordRef[]; recordCount?: number };
export interface ManualScore {
  id: string;
  zh: string;
  maxPoints: number;
  points: number | null;
  evidence: string | null;
  evidenceIds: string[];
  /** The 佐证材料 files (with a result's detail and in 我的考核; not in the whole run's list). */
  files?: EvidenceView[];
  by: string | null;
  at: string | null;
}
export interface Result {
  id: string;
  runId: string;
  subjectType: SubjectLevel;
  subjectId: string;
  subjectName: string;
  regionCode: string;
  computedScore: number;
  adjustment: number;
  finalScore: number;
  rank: number | null;
  breakdown: { items: ItemScore[]; manual: ManualScore[] };
}
export interface Adjustment {
  id: string;
  runId: string;
  resultId: string;
  delta: number;
  reason: string;
  madeBy: string;
  madeAt: string;
}
export interface RunDetail extends Omit<RunSummary, "runByName" | "reviewedByName" | "publishedByName"> {
  definition: SchemeDefinition;
  results: Result[];
  adjustments: Adjustment[];
}
/** 我的考核: one published result of the signed-in assessed (the type the server presents). */
export type MyResult = MyAssessmentResult;

export const fetchCatalogue = () => api.get<{ items: CatalogueIndicator[] }>("/assessment-indicators");
export const fetchSchemes = () => api.get<{ items: Scheme[] }>("/assessment-schemes");
export const createScheme = (input: SchemeInput) => api.post<Scheme>("/assessment-schemes", input);
export const startRun = (schemeId: string, period: string, reason?: string) =>
  api.post<{ id: string; version: number; status: RunStatus; subjectCount: number }>(
    `/assessment-schemes/${schemeId}/runs`,
    reason ? { period, reason } : { period },
  );
export const fetchRuns = (f: { period?: string } = {}) =>
  api.get<{ items: RunSummary[] }>(`/assessment-runs${queryString(f)}`);
export const fetchRun = (id: string) => api.get<RunDetail>(`/assessment-runs/${id}`);
export const fetchResult = (runId: string, resultId: string) =>
  api.get<Result>(`/assessment-runs/${runId}/results/${resultId}`);
export const adjustResult = (runId: string, resultId: string, delta: number, reason: string) =>
  api.post<Result>(`/assessment-runs/${runId}/results/${resultId}/adjustments`, { delta, reason });
export const scoreManual = (
  runId: string,
  resultId: string,
  itemId: string,
  points: number,
  evidence: string,
  evidenceIds: string[],
) =>
  api.put<Result>(`/assessment-runs/${runId}/results/${resultId}/manual/${itemId}`, {
    points,
    evidence,
    evidenceIds,
  });
export const reviewRun = (runId: string, decision: "approve" | "return", note?: string) =>
  api.post<{ id: string; status: RunStatus }>(
    `/assessment-runs/${runId}/review`,
    note ? { decision, note } : { decision },
  );
export const publishRun = (runId: string) =>
  api.post<{ id: string; status: RunStatus }>(`/assessment-runs/${runId}/publish`);
export const exportRun = (run: { id: string; period: string; version: number }, reason?: string) =>
  downloadFile(
    `/assessment-runs/${run.id}/export.xlsx${queryString({ reason })}`,
    `考核结果-${run.period}-v${run.version}.xlsx`,
  );
export const fetchMyResults = () => api.get<{ items: MyResult[] }>("/assessment-results/mine");
