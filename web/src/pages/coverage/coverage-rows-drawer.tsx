import { Alert, Drawer, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { type CoverageMetric, fetchCoverageRows, metricRowKind } from "../../api/coverage";
import type { GridSummary, Problem } from "../../api/grids";
import type { Site } from "../../api/sites";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { problemLink } from "../grids/grid-problems-drawer";
import { SiteDrawer } from "../sites/site-drawer";
import { AssignedCell, GridCell, RiskTag } from "../sites/site-tags";

type Row = GridSummary | Site | (Problem & { id: string });

/** The rows behind one coverage figure (grids, sites or overlaps), paged from the server. */
export function CoverageRowsDrawer(props: {
  region: string;
  metric: CoverageMetric | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [siteId, setSiteId] = useState<string | null>(null);
  const { region, metric } = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: back to page 1 for another metric or region
  useEffect(() => setPage(1), [metric, region]);
  useEffect(() => {
    if (!metric) return;
    let alive = true;
    setLoading(true);
    setError(null);
    fetchCoverageRows(region, metric, page, 20)
      .then((r) => {
        if (!alive) return;
        const items = r.items as Row[];
        setRows(
          metricRowKind(metric) === "problem"
            ? items.map((p, i) => ({ ...(p as Problem), id: String(i) }))
            : items,
        );
        setTotal(r.total);
      })
      .catch((err) => alive && setError(err))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [region, metric, page]);

  const kind = metric ? metricRowKind(metric) : "site";
  const gridColumns: ColumnsType<GridSummary> = [
    { title: t("grids.code"), dataIndex: "code", width: 160 },
    {
      title: t("grids.name"),
      dataIndex: "name",
      render: (n, g) => <Link to={`/grids?grid=${g.id}`}>{n}</Link>,
    },
    { title: t("grids.township"), dataIndex: "townshipName" },
    {
      title: t("grids.workers"),
      dataIndex: "workerCount",
      render: (n: number) => (n ? n : <Tag color="red">{t("grids.noWorker")}</Tag>),
    },
    {
      title: t("grids.supervisionOfficer"),
      dataIndex: "supervisionOfficer",
      render: (p: GridSummary["supervisionOfficer"]) =>
        p?.name ?? <Typography.Text type="danger">{t("grids.notSet")}</Typography.Text>,
    },
  ];
  const siteColumns: ColumnsType<Site> = [
    {
      title: t("sites.name"),
      dataIndex: "name",
      render: (n, s) => <Typography.Link onClick={() => setSiteId(s.id)}>{n}</Typography.Link>,
    },
    { title: t("sites.kind"), dataIndex: "kindLabel", width: 100 },
    {
      title: t("sites.risk"),
      dataIndex: "riskLevel",
      width: 100,
      render: (_, s) => <RiskTag level={s.riskLevel} />,
    },
    { title: t("sites.grid"), key: "grid", render: (_, s) => <GridCell site={s} /> },
    {
      title: t("sites.worker"),
      key: "worker",
      render: (_, s) => (
        <AssignedCell
          name={s.assignment.worker?.displayName}
          reason={s.assignment.workerReason}
          manual={false}
          direct={s.assignment.direct}
        />
      ),
    },
    {
      title: t("sites.department"),
      key: "dep",
      render: (_, s) => (
        <AssignedCell
          name={s.assignment.department?.name}
          reason={s.assignment.departmentReason}
          manual={false}
        />
      ),
    },
  ];
  const problemColumns: ColumnsType<Problem & { id: string }> = [
    { title: t("import.message"), dataIndex: "message" },
    {
      title: t("grids.area"),
      dataIndex: "areaM2",
      width: 120,
      render: (v?: number) => (v ? `${Math.round(v)} m²` : "—"),
    },
    {
      title: "",
      key: "map",
      width: 90,
      render: (_, p) => <Link to={problemLink(p)}>{t("grids.onMap")}</Link>,
    },
  ];
  const columns = (
    kind === "grid" ? gridColumns : kind === "problem" ? problemColumns : siteColumns
  ) as ColumnsType<Row>;

  return (
    <Drawer
      open={metric !== null}
      onClose={props.onClose}
      size={900}
      title={metric ? t(`coverage.m.${metric}`) : ""}
    >
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />
      )}
      <Table<Row>
        data-testid="coverage-rows"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        columns={columns}
        pagination={{
          current: page,
          pageSize: 20,
          total,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t("common.total", { n }),
        }}
      />
      <SiteDrawer siteId={siteId} onClose={() => setSiteId(null)} />
    </Drawer>
  );
}
