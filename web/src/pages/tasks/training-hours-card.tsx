import { InfoCircleOutlined } from "@ant-design/icons";
import { Alert, Card, Input, Progress, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { trainingHoursMet } from "../../../../domain/assessment/training-indicators";
import type { TrainingHoursRow } from "../../../../domain/tasks/training-hours";
import { fetchTrainingHours } from "../../api/tasks";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useLoad } from "../../components/use-load";
import { useI18n } from "../../i18n/i18n-context";

const pageSize = 10;

/**
 * 每人年度培训学时 (R19, issue 13.6): the actor's region's grid workers, each with the hours of the year's
 * sessions they attended against the annual plan's hours (GET /training-hours), and the year's summary; the
 * assessment's 培训学时达标率 (its formula on hover) is computed from the same hours.
 */
export function TrainingHoursCard(props: { version: number }) {
  const { t, pick } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [page, setPage] = useState(1);
  const [region, setRegion] = useState<string>();
  const [name, setName] = useState("");
  const load = useCallback(
    () => fetchTrainingHours({ year, region, q: name || undefined, page, pageSize }),
    [year, region, name, page],
  );
  const { data, loading, error, reload } = useLoad(load);
  // read again when the page says the figures changed (scores entered)
  const { version } = props;
  useEffect(() => {
    if (version) void reload();
  }, [version, reload]);
  const s = data?.summary;
  return (
    <Card
      title={t("trainingHours.title")}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="worker-hours"
      extra={
        <Select
          size="small"
          value={year}
          onChange={(y) => {
            setYear(y);
            setPage(1);
          }}
          aria-label={t("trainingHours.year")}
          data-testid="worker-hours-year"
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}` }))}
        />
      }
    >
      {error != null && <Alert type="error" showIcon title={errorMessage(error, t)} />}
      <Space wrap style={{ marginBottom: 8 }}>
        <RegionCascader
          value={region}
          maxLevel="village"
          anyLevel
          allowClear
          placeholder={t("trainingHours.region")}
          style={{ width: 240 }}
          onChange={(c) => {
            setRegion(c);
            setPage(1);
          }}
          data-testid="worker-hours-region"
        />
        <Input.Search
          allowClear
          placeholder={t("trainingHours.search")}
          style={{ width: 200 }}
          onSearch={(v) => {
            setName(v.trim());
            setPage(1);
          }}
          data-testid="worker-hours-search"
        />
      </Space>
      {s && (
        <Space direction="vertical" size={2} style={{ marginBottom: 8, display: "flex" }}>
          <Typography.Text data-testid="worker-hours-summary">
            {data.region.name} · {t("trainingHours.summary", { ...s })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("trainingHours.rule")}{" "}
            <Tooltip title={pick(trainingHoursMet.formula)}>
              <span data-testid="worker-hours-formula">
                {t("trainingHours.assessmentHint")} <InfoCircleOutlined />
              </span>
            </Tooltip>
          </Typography.Text>
        </Space>
      )}
      <Table<TrainingHoursRow>
        rowKey="userId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 720 }}
        locale={{ emptyText: t("trainingHours.none") }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          size: "small",
        }}
        columns={[
          {
            title: t("trainingHours.name"),
            dataIndex: "name",
            width: 140,
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <span>{v}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.regionName ?? r.regionCode}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t("trainingHours.sessions"), dataIndex: "sessions", width: 90 },
          { title: t("trainingHours.hours"), dataIndex: "hours", width: 90 },
          {
            title: t("trainingHours.required"),
            dataIndex: "requiredHours",
            width: 110,
            render: (v: number | null) =>
              v ?? <Typography.Text type="secondary">{t("trainingHours.noPlan")}</Typography.Text>,
          },
          {
            title: t("trainingHours.progress"),
            key: "progress",
            width: 190,
            render: (_: unknown, r) =>
              r.requiredHours === null ? (
                "—"
              ) : (
                <Space size={4} data-testid="worker-hours-progress">
                  <Progress
                    size="small"
                    style={{ width: 90, margin: 0 }}
                    showInfo={false}
                    percent={r.requiredHours ? Math.min(100, (r.hours / r.requiredHours) * 100) : 100}
                  />
                  <Tag color={r.met ? "green" : "orange"}>
                    {r.met ? t("trainingHours.met") : t("trainingHours.notMet")}
                  </Tag>
                </Space>
              ),
          },
          {
            title: t("trainingHours.average"),
            dataIndex: "averageScore",
            width: 90,
            render: (v: number | null) => v ?? "—",
          },
        ]}
      />
    </Card>
  );
}
