import type { ItemScore, ManualScore } from "./assessment-engine";

/** A 佐证材料 file as the API lists it with a result (download at `url`, signed in). */
export type ResultFile = {
  id: string;
  sha256: string;
  fileName: string;
  mimeType: string;
  size: number;
  url: string;
};

/**
 * 我的考核 (R23): one published result of the signed-in worker, township station or department
 * (GET /assessment-results/mine): records reduced to their count, each manual item with its files. One type
 * for the server that presents it and the phone app.
 */
export type MyAssessmentResult = {
  id: string;
  runId: string;
  subjectName: string;
  finalScore: number;
  rank: number | null;
  schemeName: string;
  period: string;
  version: number;
  subjectCount: number;
  publishedAt: string | null;
  breakdown: {
    items: (Omit<ItemScore, "records"> & { recordCount: number })[];
    manual: (ManualScore & { files: ResultFile[] })[];
  };
};
