import { Card, Descriptions, Typography } from "antd";
import type { Areal } from "../../../../domain/geo/geometry";
import type { Grid } from "../../api/grids";
import { useI18n } from "../../i18n/i18n-context";
import { GridDetailPanel } from "./grid-detail-panel";
import { GridMergePanel } from "./grid-merge-panel";
import { GridSplitPanel } from "./grid-split-panel";
import type { GridSelection } from "./use-grid-selection";
import type { useMapData } from "./use-map-data";

/** The panel beside the map: a split, a merge, the selected grid, or what the map shows now. */
export function GridMapSide(props: {
  sel: GridSelection;
  data: ReturnType<typeof useMapData>;
  preview: (pieces: Areal[]) => void;
  onStaff: (gridId: string) => void;
  onEdit: (grid: Grid) => void;
  onLocate: () => void;
  onChanged: (grid: Grid, text: string, reassign?: boolean) => void;
}) {
  const { t } = useI18n();
  const { sel, data } = props;

  if (sel.split !== null && sel.grid)
    return (
      <GridSplitPanel
        grid={sel.grid}
        initialParts={sel.split}
        onPreview={props.preview}
        onClose={() => sel.setSplit(null)}
        onDone={(grids) => props.onChanged(grids[0], t("grids.splitDone", { n: grids.length }), true)}
      />
    );
  if (sel.merge.length > 0)
    return (
      <GridMergePanel
        grids={sel.merge}
        onRemove={sel.removeFromMerge}
        onClose={sel.clearMerge}
        onDone={(grid) => props.onChanged(grid, t("grids.mergeDone", { name: grid.name }), true)}
      />
    );
  if (sel.selectedId) {
    // chosen from elsewhere (?grid=): its workload comes from the layer once the grid is in view
    const onScreen =
      data.layer?.mode === "grids"
        ? data.layer.features.features.find((f) => f.properties.id === sel.selectedId)?.properties
        : undefined;
    return (
      <GridDetailPanel
        grid={sel.grid}
        feature={onScreen ?? sel.feature ?? null}
        loading={sel.loading}
        error={sel.error}
        onStaff={() => sel.grid && props.onStaff(sel.grid.id)}
        onEdit={() => sel.grid && props.onEdit(sel.grid)}
        onSplit={() => sel.setSplit(2)}
        onLocate={props.onLocate}
        onClose={sel.clear}
      />
    );
  }

  const layer = data.layer;
  const showing =
    layer === null
      ? "—"
      : layer.mode === "regions"
        ? t(layer.level === "county" ? "map.showingCounties" : "map.showingTownships", {
            n: layer.features.features.length,
          })
        : t("map.showingGrids", { n: layer.features.features.length });
  return (
    <Card size="small" className="sg-side-panel" title={t("map.overview")} data-testid="map-overview">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: "layer", label: t("map.showing"), children: showing },
          {
            key: "sites",
            label: t("map.sitesInView"),
            children:
              data.siteMode === null
                ? "—"
                : `${data.siteCount}（${t(data.siteMode === "clusters" ? "map.clustered" : "map.points")}）`,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t("map.overviewHint")}
      </Typography.Paragraph>
    </Card>
  );
}
