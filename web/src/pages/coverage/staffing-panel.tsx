import { Alert, InputNumber, Select, Space, Table, Tag, Tooltip } from "antd";
import { useEffect, useState } from "react";
import {
  fetchStaffing,
  type StaffingFilter,
  type StaffingItem,
  type StaffingStatus,
} from "../../api/coverage";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { staffingColumns } from "./staffing-columns";

type Result = Awaited<ReturnType<typeof fetchStaffing>>;

/**
 * Staffing (R5): each grid's workload (risk-weighted sites and the patrols they need) against its
 * workers (full-time 1, part-time a fraction); over- and under-staffed grids, with a suggested split.
 */
export function StaffingPanel({ region }: { region: string | undefined }) {
  const { t, pick } = useI18n();
  const [filter, setFilter] = useState<StaffingFilter>({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Result | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    fetchStaffing({ ...filter, region })
      .then((d) => alive && setData(d))
      .catch((err) => alive && setError(err))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [filter, region]);

  const set = (patch: Partial<StaffingFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));
  const s = data?.settings;

  return (
    <div data-testid="staffing-panel">
      <div className="toolbar">
        <Select<StaffingStatus>
          allowClear
          style={{ width: 150 }}
          placeholder={t("staffing.allStatuses")}
          value={filter.status}
          onChange={(status) => set({ status })}
          options={(["over", "under", "balanced"] as const).map((v) => ({
            value: v,
            label: `${t(`staffing.status.${v}`)}${data ? `（${data.summary[v]}）` : ""}`,
          }))}
        />
        <Tooltip title={t("staffing.partTimeHint")}>
          <Space size={4}>
            {t("staffing.partTime")}
            <InputNumber
              min={0}
              max={1}
              step={0.1}
              value={filter.partTimeFraction ?? s?.partTimeFraction}
              onChange={(v) => set({ partTimeFraction: v ?? undefined })}
              style={{ width: 80 }}
            />
          </Space>
        </Tooltip>
        <Space size={4}>
          {t("staffing.hoursPerFte")}
          <InputNumber
            min={1}
            max={400}
            value={filter.hoursPerFte ?? s?.hoursPerFte}
            onChange={(v) => set({ hoursPerFte: v ?? undefined })}
            style={{ width: 80 }}
          />
        </Space>
        <Tooltip title={t("staffing.thresholdHint")}>
          <Space size={4}>
            {t("staffing.thresholds")}
            <InputNumber
              min={0}
              max={5}
              step={0.1}
              value={filter.low ?? s?.low}
              onChange={(v) => set({ low: v ?? undefined })}
              style={{ width: 70 }}
            />
            ~
            <InputNumber
              min={0}
              max={10}
              step={0.1}
              value={filter.high ?? s?.high}
              onChange={(v) => set({ high: v ?? undefined })}
              style={{ width: 70 }}
            />
          </Space>
        </Tooltip>
        {data && (
          <Space size={4}>
            <Tag color="red">
              {t("staffing.status.over")} {data.summary.over}
            </Tag>
            <Tag color="green">
              {t("staffing.status.balanced")} {data.summary.balanced}
            </Tag>
            <Tag color="blue">
              {t("staffing.status.under")} {data.summary.under}
            </Tag>
          </Space>
        )}
      </div>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />
      )}
      <Table<StaffingItem>
        rowKey={(r) => r.grid.id}
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1100 }}
        columns={staffingColumns(t, pick)}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showTotal: (n) => t("common.total", { n }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
    </div>
  );
}
