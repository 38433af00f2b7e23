import { Button, Card, Space, Typography } from "antd";
import type L from "leaflet";
import { useEffect, useRef, useState } from "react";
import type { Polygon } from "../../../../domain/geo/geometry";
import { validateGridGeometry } from "../../../../domain/geo/validate-geometry";
import type { Grid, Problem } from "../../api/grids";
import { useI18n } from "../../i18n/i18n-context";
import { PolygonDrawTool } from "../../map/draw-tool";
import type { ProblemSeverity } from "../../map/problem-layer";
import { ProblemList } from "../../map/problem-list";
import { GridCreateForm } from "./grid-create-form";

export type Flagged = { problem: Problem; severity: ProblemSeverity };

/**
 * Drawing a new grid: click the corners on the map, close the ring, then fill in the grid's details.
 * The outline is checked at once in the browser (the same checks as the server) and again by the
 * server with the other grids and the county boundary; every problem is shown where it is.
 */
export function GridDrawPanel(props: {
  map: L.Map;
  guessRegion: (polygon: Polygon) => string | undefined;
  problems: Flagged[];
  setProblems: (problems: Flagged[]) => void;
  onLocate: (location: [number, number]) => void;
  onCreated: (grid: Grid) => void;
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const { map, setProblems } = props;
  const [count, setCount] = useState(0);
  const [polygon, setPolygon] = useState<Polygon | null>(null);
  const toolRef = useRef<PolygonDrawTool | null>(null);

  const check = (geom: Polygon) => {
    const local = validateGridGeometry(geom).map(
      (p): Flagged => ({ problem: { ...p, message: pick(p) }, severity: "error" }),
    );
    setProblems(local);
  };

  const finish = () => {
    const geom = toolRef.current?.finish() ?? null;
    if (!geom) return;
    setPolygon(geom);
    check(geom);
  };
  const finishRef = useRef(finish);
  finishRef.current = finish;

  useEffect(() => {
    const tool = new PolygonDrawTool(
      map,
      (points) => setCount(points.length),
      () => finishRef.current(),
    );
    toolRef.current = tool;
    tool.start();
    return () => tool.cancel();
  }, [map]);

  const restart = () => {
    setPolygon(null);
    setProblems([]);
    toolRef.current?.start();
    setCount(0);
  };

  return (
    <Card
      size="small"
      title={t("map.drawTitle")}
      className="sg-side-panel"
      data-testid="draw-panel"
      extra={
        <Button size="small" type="text" onClick={props.onClose} data-testid="draw-cancel">
          {t("common.cancel")}
        </Button>
      }
    >
      {polygon === null ? (
        <>
          <Typography.Paragraph type="secondary">{t("map.drawHint")}</Typography.Paragraph>
          <Typography.Paragraph data-testid="draw-count">
            {t("map.drawPoints", { n: count })}
          </Typography.Paragraph>
          <Space>
            <Button onClick={() => toolRef.current?.undo()} disabled={count === 0} data-testid="draw-undo">
              {t("map.drawUndo")}
            </Button>
            <Button type="primary" onClick={finish} disabled={count < 3} data-testid="draw-finish">
              {t("map.drawFinish")}
            </Button>
          </Space>
        </>
      ) : (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Typography.Text>{t("map.drawDone", { n: polygon.coordinates[0].length - 1 })}</Typography.Text>
            <Button size="small" onClick={restart} data-testid="draw-restart">
              {t("map.drawAgain")}
            </Button>
          </Space>
          <GridCreateForm
            geometry={polygon}
            initialRegion={props.guessRegion(polygon)}
            blocked={props.problems.some((p) => p.severity === "error")}
            setProblems={setProblems}
            onCreated={props.onCreated}
          />
        </>
      )}
      <ProblemList problems={props.problems} onLocate={props.onLocate} />
    </Card>
  );
}
