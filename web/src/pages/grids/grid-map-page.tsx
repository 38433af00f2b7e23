import { EditOutlined, ReloadOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Tooltip } from "antd";
import L from "leaflet";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import type { Areal } from "../../../../domain/geo/geometry";
import { siteKindLabel, siteKinds } from "../../../../domain/site/site-kinds";
import { fetchGrids, type Grid } from "../../api/grids";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { boundsOf } from "../../map/base-map";
import { flyToBox } from "../../map/fly-to-region";
import { highlightGrids, renderOutline, renderPieces } from "../../map/grid-layer";
import { MapLegend } from "../../map/map-legend";
import { PlaceSearch } from "../../map/place-search";
import { renderProblems } from "../../map/problem-layer";
import { ProblemList } from "../../map/problem-list";
import { useLeafletMap, useOfflineBase } from "../../map/use-leaflet-map";
import { useSignedIn } from "../../session/session-context";
import { SiteDrawer } from "../sites/site-drawer";
import { type Flagged, GridDrawPanel } from "./grid-draw-panel";
import { GridEditDialog } from "./grid-edit-dialog";
import { GridImportWizard } from "./grid-import-wizard";
import { GridMapFilters, type MapFilterState } from "./grid-map-filters";
import { GridMapSide } from "./grid-map-side";
import { GridStaffDialog } from "./grid-staff-dialog";
import { GridViewSwitch } from "./grid-view-switch";
import { ReassignPrompt } from "./reassign-prompt";
import { useBoundary } from "./use-boundary";
import { useGridSelection } from "./use-grid-selection";
import { useMapData } from "./use-map-data";

/**
 * /grids: the grid map (R9). No base layer unless one is configured; the county boundary; grids coloured
 * by coverage or workload and sites clustered by risk, both fetched for the view; click a grid for its
 * staff, shift-click to merge, draw a new grid, split one, or import a grid layer.
 */
export function GridMapPage() {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const { message } = AntApp.useApp();
  const [params] = useSearchParams();
  const el = useRef<HTMLDivElement>(null);
  const map = useLeafletMap(el);
  const [filters, setFilters] = useState<MapFilterState>({ color: "coverage", showSites: true });
  const [drawing, setDrawing] = useState(false);
  const [problems, setProblems] = useState<Flagged[]>([]);
  const [abilities, setAbilities] = useState({ create: false, import: false });
  const [importing, setImporting] = useState(false);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [staffing, setStaffing] = useState<string | null>(null);
  const [editing, setEditing] = useState<Grid | null>(null);
  const [reassignRegion, setReassignRegion] = useState<string | null>(null);
  const overlay = useRef({ problems: L.layerGroup(), pieces: L.layerGroup(), selected: L.layerGroup() });
  const sel = useGridSelection(params.get("grid"), params.get("split"));
  const at = params.get("at");
  const atMessage = params.get("msg") ?? "";
  // the offline base: township outlines and names, grid and site names; a grid worker's own grids in
  // blue, and the map zoomed to them when nothing else was asked for
  const base = useOfflineBase(
    map,
    { autoFetch: false, gridOutlines: false, countyOutlines: false },
    (mine) => {
      if (!map || mine.length === 0 || params.get("grid") || at) return;
      const box = mine.reduce<[number, number, number, number]>(
        (b, g) => [
          Math.min(b[0], g.bbox[0]),
          Math.min(b[1], g.bbox[1]),
          Math.max(b[2], g.bbox[2]),
          Math.max(b[3], g.bbox[3]),
        ],
        [180, 90, -180, -90],
      );
      map.fitBounds(boundsOf(box), { maxZoom: 16, padding: [24, 24] });
    },
  );

  const data = useMapData(map, {
    color: filters.color,
    siteKind: filters.siteKind,
    riskLevel: filters.riskLevel,
    showSites: filters.showSites && !drawing,
    busy: drawing,
    onGrid: (p, e) => (drawing ? undefined : sel.clickGrid(p, e.originalEvent.shiftKey)),
    onSite: (p) => setSiteId(p.id),
    gridLabel: (p) =>
      `${p.name}（${p.code}）${t("map.tipWorkers", { n: p.workerCount })} · ${t("map.tipSites", { n: p.siteCount })}`,
    regionLabel: (p) => `${p.name} ${t("map.tipCoverage", { pct: p.coverage.toFixed(1) })}`,
    clusterLabel: (c) =>
      [
        t("map.tipSites", { n: c.count }),
        ...siteKinds.filter((k) => c.byKind[k]).map((k) => `${pick(siteKindLabel[k])} ${c.byKind[k]}`),
      ].join(" · "),
    onData: (layer, sites) =>
      base?.update(
        layer.mode === "grids"
          ? layer.features.features.map((f) => ({ ...f.properties, geometry: f.geometry }))
          : [],
        sites?.mode === "points" ? sites.items : [],
      ),
  });
  useBoundary(map, !params.get("grid") && !at && user.role !== "grid_worker");
  // the base appears after the first answer may have come: draw it again
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per base
  useEffect(() => {
    if (base) data.reload();
  }, [base]);
  // a problem chosen from elsewhere (?at=lon,lat&msg=): centre on it and mark it
  useEffect(() => {
    const [lon, lat] = (at ?? "").split(",").map(Number);
    if (!map || !at || !Number.isFinite(lon) || !Number.isFinite(lat)) return;
    map.setView([lat, lon], 15);
    setProblems([
      { problem: { code: "overlap", message: atMessage, location: [lon, lat] }, severity: "warning" },
    ]);
  }, [map, at, atMessage]);

  useEffect(() => {
    fetchGrids({ page: 1, pageSize: 1 })
      .then((r) => setAbilities(r.abilities))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!map) return;
    overlay.current.selected.addTo(map);
    overlay.current.pieces.addTo(map);
    overlay.current.problems.addTo(map);
  }, [map]);
  useEffect(() => renderProblems(overlay.current.problems, problems), [problems]);
  useEffect(() => highlightGrids(data.polygons, sel.highlighted), [data.polygons, sel.highlighted]);
  // the selected grid's own outline, whatever the layer shows at this zoom
  useEffect(() => renderOutline(overlay.current.selected, sel.grid?.geometry ?? null), [sel.grid]);
  // a grid chosen from elsewhere (?grid=): show it
  useEffect(() => {
    if (map && sel.grid && sel.focus)
      map.fitBounds(boundsOf(sel.grid.bbox), { maxZoom: 15, padding: [24, 24] });
  }, [map, sel.grid, sel.focus]);

  const preview = useCallback((pieces: Areal[]) => renderPieces(overlay.current.pieces, pieces), []);
  const locate = (loc: [number, number]) => map?.setView([loc[1], loc[0]], Math.max(map.getZoom(), 14));
  const stopDrawing = () => {
    setDrawing(false);
    setProblems([]);
  };
  /** After a change; `reassign` when the grid's outline or staff changed, so sites may move. */
  const changed = (grid: Grid, text: string, reassign = false) => {
    message.success(text);
    sel.select(grid);
    data.reload();
    if (reassign) setReassignRegion(grid.code.slice(0, 6));
  };

  return (
    <Card title={t("map.title")} className="page-card" extra={<GridViewSwitch current="map" />}>
      <div className="toolbar">
        <GridMapFilters value={filters} onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))} />
        <PlaceSearch
          style={{ width: 260 }}
          onPlace={(p) => {
            if (!map) return;
            if (p.kind === "box") flyToBox(map, p.bbox);
            else map.setView([p.lat, p.lng], 17);
          }}
        />
        <span className="toolbar-spacer" />
        <Tooltip title={t("common.refresh")}>
          <Button icon={<ReloadOutlined />} onClick={data.reload} loading={data.loading} />
        </Tooltip>
        {abilities.import && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="grid-import">
            {t("gridImport.open")}
          </Button>
        )}
        {abilities.create && (
          <Button
            type="primary"
            icon={<EditOutlined />}
            disabled={drawing}
            data-testid="draw-grid"
            onClick={() => {
              sel.clear();
              setProblems([]);
              setDrawing(true);
            }}
          >
            {t("map.draw")}
          </Button>
        )}
      </div>
      <div style={{ marginBottom: 8 }}>
        <MapLegend color={filters.color} base mine={user.role === "grid_worker"} />
      </div>
      {data.error != null && (
        <Alert type="error" showIcon title={errorMessage(data.error, t)} style={{ marginBottom: 8 }} />
      )}
      {data.layer?.mode === "regions" && data.layer.level === "township" && (
        <Alert type="info" showIcon title={t("map.truncated")} style={{ marginBottom: 8 }} />
      )}
      <div className="sg-map-layout">
        <div ref={el} className="sg-map" data-testid="grid-map" />
        {drawing && map ? (
          <GridDrawPanel
            map={map}
            guessRegion={(geom) => sel.regionAt(geom, data.layer)}
            problems={problems}
            setProblems={setProblems}
            onLocate={locate}
            onClose={stopDrawing}
            onCreated={(grid) => {
              setDrawing(false);
              setProblems((grid.warnings ?? []).map((problem) => ({ problem, severity: "warning" })));
              changed(grid, t("map.created", { name: grid.name }), true);
            }}
          />
        ) : (
          <div className="sg-side-stack">
            <GridMapSide
              sel={sel}
              data={data}
              preview={preview}
              onStaff={(id) => setStaffing(id)}
              onEdit={(g) => setEditing(g)}
              onLocate={() => sel.grid && map?.fitBounds(boundsOf(sel.grid.bbox), { maxZoom: 16 })}
              onChanged={changed}
            />
            {reassignRegion && (
              <ReassignPrompt
                region={reassignRegion}
                onDismiss={() => setReassignRegion(null)}
                onApplied={data.reload}
              />
            )}
            {problems.length > 0 && (
              <Card
                size="small"
                className="sg-problem-card"
                title={t("map.problemsTitle")}
                extra={
                  <Button size="small" type="text" onClick={() => setProblems([])}>
                    {t("map.problemsClear")}
                  </Button>
                }
              >
                <ProblemList problems={problems} onLocate={locate} />
              </Card>
            )}
          </div>
        )}
      </div>
      <GridStaffDialog
        gridId={staffing}
        onClose={() => setStaffing(null)}
        onSaved={(g) => changed(g, t("common.saved"), true)}
      />
      <GridEditDialog
        grid={editing}
        onClose={() => setEditing(null)}
        onSaved={(g) => changed(g, t("common.saved"))}
      />
      <GridImportWizard open={importing} onClose={() => setImporting(false)} onImported={data.reload} />
      <SiteDrawer siteId={siteId} onClose={() => setSiteId(null)} />
    </Card>
  );
}
