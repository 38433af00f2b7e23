import { useEffect, useState } from "react";
import { api, apiJson } from "../api/http";
import { useCachedList } from "../hooks/use-cached-list";
import { t } from "../i18n/i18n";
import { evidenceBlob } from "../photos/evidence-blob";
import { emitChange, useTopic } from "../store/changes";
import { kvGet, kvSet } from "../store/db";
import { useWorkSet } from "../work-set/work-set";
import { categoryLabel } from "./labels";

/** One open re-check task of my grids (the work set's `rechecks`, or the console's to-recheck queue). */
export interface RecheckTask {
  caseId: string;
  number: string;
  siteId: string | null;
  siteName: string | null;
  description: string;
  category: string;
  location: { lng: number; lat: number } | null;
  feedback?: { note: string; evidenceIds: string[] };
  dueAt: string | null;
}

interface QueueRow {
  id: string;
  number: string;
  siteId: string | null;
  siteName: string | null;
  description: string;
  categoryLabel: string;
  location: { lng: number; lat: number } | null;
  deadline: string | null;
}

/**
 * The open re-check tasks: from the work set (GET /field/work-set) when the server has it, else from the
 * to-recheck queue of GET /cases (same access rules), kept on the phone for offline use.
 */
export function useRecheckTasks(): { tasks: RecheckTask[]; loading: boolean } {
  const workSet = useWorkSet();
  const queue = useCachedList<{ items: QueueRow[] }>("rechecks", "/cases?queue=to_recheck&pageSize=100");
  if (workSet?.source === "work-set")
    return { tasks: workSet.rechecks.map((r) => ({ ...r, location: r.location ?? null })), loading: false };
  return {
    loading: queue.status === "loading",
    tasks: (queue.data?.items ?? []).map((r) => ({
      caseId: r.id,
      number: r.number,
      siteId: r.siteId,
      siteName: r.siteName,
      description: r.description,
      category: r.categoryLabel,
      location: r.location,
      dueAt: r.deadline,
    })),
  };
}

/** What the re-check page needs of the case page (GET /cases/:id). */
export interface RecheckCase {
  case: {
    id: string;
    number: string;
    stage: string;
    description: string;
    siteName: string | null;
    categoryLabel: string;
    location: { lng: number; lat: number } | null;
    version: number;
  };
  timeline: {
    action: string;
    at: string;
    actorName: string | null;
    comment: string | null;
    evidence: { id: string; sha256: string; fileName: string | null }[];
  }[];
}

/** Downloads the case and the handler's feedback photos and keeps them on the phone (kv). */
export async function prefetchRecheck(caseId: string): Promise<RecheckCase> {
  const c = await apiJson<RecheckCase>(`/cases/${encodeURIComponent(caseId)}`);
  const slim: RecheckCase = { case: c.case, timeline: c.timeline };
  await kvSet(`recheck-case:${caseId}`, slim);
  emitChange("lists");
  for (const f of lastFeedback(slim)?.evidence ?? []) await evidenceBlob(f.id).catch(() => undefined);
  return slim;
}

/** The case for the re-check page: the phone's copy at once, refreshed when online (kv `recheck-case:<id>`). */
export function useRecheckCase(caseId: string): { data: RecheckCase | undefined; offline: boolean } {
  const [offline, setOffline] = useState(false);
  // kept in kv like the cached lists (cleared with them at sign-out), announced on the same topic
  const data = useTopic<RecheckCase | undefined>(
    "lists",
    () => kvGet<RecheckCase>(`recheck-case:${caseId}`),
    undefined,
  );
  useEffect(() => {
    let alive = true;
    prefetchRecheck(caseId)
      .then(() => alive && setOffline(false))
      .catch(() => alive && setOffline(true));
    return () => {
      alive = false;
    };
  }, [caseId]);
  return { data, offline };
}

/** The last feedback (整改反馈) of the case: note, who, when, photos. */
export function lastFeedback(c: RecheckCase | undefined) {
  return c?.timeline.filter((e) => e.action === "case.fed_back").at(-1);
}

/** SHA-256 of every file already on the case (report, feedback, earlier re-checks): a re-check photo must be new. */
export function earlierHashes(c: RecheckCase | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const what: Record<string, string> = {
    "case.reported": t("recheck.evidence.reported"),
    "case.fed_back": t("recheck.evidence.fedBack"),
    "case.rechecked": t("recheck.evidence.rechecked"),
  };
  for (const e of c?.timeline ?? [])
    for (const f of e.evidence)
      if (!out.has(f.sha256)) out.set(f.sha256, what[e.action] ?? t("recheck.evidence.other"));
  return out;
}

/** The case categories' names (the list the report screen keeps), by code. */
export function useCategoryLabel(): (code: string) => string {
  const list = useCachedList<{ items: { code: string; label: string; zh?: string; en?: string | null }[] }>(
    "case-categories",
    "/case-categories",
  );
  const byCode = new Map((list.data?.items ?? []).map((c) => [c.code, categoryLabel(c)]));
  return (code) => byCode.get(code) ?? code;
}

/** An evidence file as an object URL: from the phone (kv `evidence:<id>`), else downloaded once and kept. */
export function useEvidenceUrl(id: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let made: string | undefined;
    let alive = true;
    (async () => {
      const blob = await evidenceBlob(id).catch(() => undefined);
      if (!blob || !alive) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    })();
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id]);
  return url;
}
