import { Alert, Typography } from "antd";
import type { Problem } from "../api/grids";
import { ItemList, ListRow } from "../components/item-list";
import { useI18n } from "../i18n/i18n-context";
import { type ProblemSeverity, placeable } from "./problem-layer";

/**
 * The problems next to the map, numbered like their markers; clicking one centres the map on it.
 * Errors block a save, warnings (overlaps, outside the boundary) do not.
 */
export function ProblemList(props: {
  problems: { problem: Problem; severity: ProblemSeverity }[];
  onLocate?: (location: [number, number]) => void;
}) {
  const { t } = useI18n();
  if (props.problems.length === 0) return null;
  const errors = props.problems.filter((p) => p.severity === "error").length;
  return (
    <div data-testid="problem-list" style={{ marginTop: 12 }}>
      <Alert
        type={errors ? "error" : "warning"}
        showIcon
        title={
          errors
            ? t("map.problemsBlocking", { n: errors })
            : t("map.problemsWarnings", { n: props.problems.length })
        }
        style={{ marginBottom: 8 }}
      />
      <ItemList
        size="small"
        dataSource={props.problems.map((p, i) => ({ ...p, n: i + 1 }))}
        renderItem={({ problem, severity, n }) => (
          <ListRow
            style={{ cursor: placeable(problem) ? "pointer" : "default", paddingInline: 4 }}
            onClick={() => placeable(problem) && props.onLocate?.(problem.location)}
          >
            <Typography.Text type={severity === "error" ? "danger" : "warning"}>
              {n}. {problem.message}
            </Typography.Text>
          </ListRow>
        )}
      />
    </div>
  );
}
