import { Radio, Table, Typography } from "antd";
import type { Employment } from "../../../../domain/schemas/grid-schemas";
import type { GridWorker } from "../../api/grids";
import { useI18n } from "../../i18n/i18n-context";

/** The grid workers being edited: full-time or part-time, removable; other grids each one serves. */
export function GridWorkerTable(props: {
  workers: GridWorker[];
  otherGrids: (userId: string) => string[];
  onChange: (workers: GridWorker[]) => void;
}) {
  const { t } = useI18n();
  const { workers, otherGrids } = props;
  return (
    <Table<GridWorker>
      size="small"
      rowKey="userId"
      pagination={false}
      dataSource={workers}
      columns={[
        {
          title: t("grids.workerName"),
          dataIndex: "displayName",
          render: (_, w) => (
            <span>
              {w.displayName}
              {otherGrids(w.userId).length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {" "}
                  {t("grids.alsoServes", { names: otherGrids(w.userId).join("、") })}
                </Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: t("grids.employmentLabel"),
          dataIndex: "employment",
          width: 190,
          render: (_, w) => (
            <Radio.Group
              size="small"
              value={w.employment}
              onChange={(e) =>
                props.onChange(
                  workers.map((x) =>
                    x.userId === w.userId ? { ...x, employment: e.target.value as Employment } : x,
                  ),
                )
              }
              options={[
                { value: "full_time", label: t("grids.employment.full_time") },
                { value: "part_time", label: t("grids.employment.part_time") },
              ]}
            />
          ),
        },
        {
          title: t("common.actions"),
          width: 70,
          render: (_, w) => (
            <Typography.Link onClick={() => props.onChange(workers.filter((x) => x.userId !== w.userId))}>
              {t("grids.workerRemove")}
            </Typography.Link>
          ),
        },
      ]}
    />
  );
}
