import { ApiError, apiJson } from "../api/http";
import { refreshList } from "../hooks/use-cached-list";
import { emitChange, useTopic } from "../store/changes";
import { kvGet, kvSet } from "../store/db";

/** GeoJSON Polygon / MultiPolygon of a grid. */
export type GridGeometry =
  | { type: "Polygon"; coordinates: number[][][] }
  | { type: "MultiPolygon"; coordinates: number[][][][] };

export interface WorkSite {
  id: string;
  name: string;
  kind: string;
  kindLabel?: string;
  riskLevel: string;
  address: string;
  location: { lng: number; lat: number } | null;
  gridId: string | null;
  industryCode?: string | null;
  version?: number;
}

export interface WorkSet {
  serverTime: string;
  user: { id: string; displayName: string; role: string; scope: string[] };
  grids: { id: string; code: string; name: string; geometry: GridGeometry | null }[];
  sites: WorkSite[];
  /** Sites of neighbouring grids within 1 km of mine, for the report form (none from older servers). */
  nearbySites?: {
    id: string;
    name: string;
    kind: string;
    address: string;
    location: { lng: number; lat: number };
    gridId: string | null;
  }[];
  rechecks: {
    caseId: string;
    number: string;
    siteId: string | null;
    siteName: string | null;
    description: string;
    category: string;
    /** Where the case is (the site's point or the reported one), to compare the re-check's location with. */
    location?: { lng: number; lat: number } | null;
    /** The handler's latest feedback: note and photos (evidence ids). */
    feedback?: { note: string; evidenceIds: string[] };
    dueAt: string | null;
  }[];
  reports: { caseId: string; number: string; stage: string; stageLabel: string; createdAt: string }[];
  /** Whether it came from GET /field/work-set or was put together from today's routes. */
  source: "work-set" | "assembled";
  fetchedAt: string;
}

interface SiteRow {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  riskLevel: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  industryCode: string | null;
  version?: number;
  assignment?: { grid?: { id: string } | null } | null;
}

/** Until GET /field/work-set exists: the same set from the routes there are (same access rules). */
async function assemble(): Promise<Omit<WorkSet, "fetchedAt" | "source">> {
  const me = await apiJson<{ user: WorkSet["user"] }>("/auth/me");
  const grids = await apiJson<{ items: { id: string; code: string; name: string }[] }>("/grids?pageSize=50");
  const withGeometry = await Promise.all(
    grids.items
      .slice(0, 20)
      .map((g) =>
        apiJson<{ id: string; code: string; name: string; geometry: GridGeometry | null }>(`/grids/${g.id}`),
      ),
  );
  const sites = await apiJson<{ items: SiteRow[] }>("/sites?pageSize=200");
  return {
    serverTime: new Date().toISOString(),
    user: me.user,
    grids: withGeometry.map((g) => ({ id: g.id, code: g.code, name: g.name, geometry: g.geometry ?? null })),
    sites: sites.items.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      kindLabel: s.kindLabel,
      riskLevel: s.riskLevel,
      address: s.address ?? "",
      location: s.lon != null && s.lat != null ? { lng: s.lon, lat: s.lat } : null,
      gridId: s.assignment?.grid?.id ?? null,
      industryCode: s.industryCode,
      version: s.version,
    })),
    rechecks: [],
    reports: [],
  };
}

/** Downloads the worker's work set (and the case categories and checklists) and keeps it on the phone. */
export async function refreshWorkSet(): Promise<WorkSet> {
  let set: WorkSet;
  try {
    const ws = await apiJson<Omit<WorkSet, "source" | "fetchedAt">>("/field/work-set");
    set = { ...ws, source: "work-set", fetchedAt: new Date().toISOString() };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    set = { ...(await assemble()), source: "assembled", fetchedAt: new Date().toISOString() };
  }
  await kvSet("workSet", set);
  await refreshList("case-categories", "/case-categories").catch(() => undefined);
  // the county's checklists, so a site can be checked offline (screens/checklist.tsx)
  await refreshList("checklists", "/checklists").catch(() => undefined);
  emitChange("work-set");
  return set;
}

export function loadWorkSet(): Promise<WorkSet | undefined> {
  return kvGet<WorkSet>("workSet");
}

export function useWorkSet(): WorkSet | undefined | null {
  return useTopic<WorkSet | undefined | null>(
    "work-set",
    async () => (await loadWorkSet()) ?? undefined,
    null,
  );
}
