import { UploadOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Input, Select, Table } from "antd";
import { useCallback, useState } from "react";
import { type GridKind, gridKindLabel, gridKinds } from "../../../../domain/schemas/grid-schemas";
import { fetchGrids, type GridFilter, type GridSummary } from "../../api/grids";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useLoad } from "../../components/use-load";
import { useI18n } from "../../i18n/i18n-context";
import { gridColumns } from "./grid-columns";
import { GridEditDialog } from "./grid-edit-dialog";
import { GridImportWizard } from "./grid-import-wizard";
import { GridMergePanel } from "./grid-merge-panel";
import { GridProblemsDrawer } from "./grid-problems-drawer";
import { GridStaffDialog } from "./grid-staff-dialog";
import { GridViewSwitch } from "./grid-view-switch";
import { RegionPrintButton } from "./print-buttons";

/** /grids/list: grids with their staff; edit staff, name and kind; merge the selected; import; check problems. */
export function GridsListPage() {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<GridFilter & { page: number; pageSize: number }>({
    page: 1,
    pageSize: 20,
  });
  const { data, loading, error, reload: load } = useLoad(useCallback(() => fetchGrids(filter), [filter]));
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const abilities = data?.abilities ?? { create: false, import: false };
  const [selected, setSelected] = useState<GridSummary[]>([]);
  const [merging, setMerging] = useState(false);
  const [staffing, setStaffing] = useState<string | null>(null);
  const [editing, setEditing] = useState<GridSummary | null>(null);
  const [importing, setImporting] = useState(false);
  const [checking, setChecking] = useState(false);

  const change = (patch: Partial<GridFilter>) => setFilter((f) => ({ ...f, page: 1, ...patch }));
  const saved = () => {
    message.success(t("common.saved"));
    load();
  };

  return (
    <Card title={t("grids.title")} className="page-card" extra={<GridViewSwitch current="list" />}>
      <div className="toolbar">
        <RegionCascader
          maxLevel="village"
          anyLevel
          allowClear
          value={filter.region}
          onChange={(region) => change({ region })}
          placeholder={t("sites.filterRegion")}
        />
        <Select<GridKind>
          allowClear
          style={{ width: 160 }}
          placeholder={t("grids.allKinds")}
          value={filter.kind}
          onChange={(kind) => change({ kind })}
          options={gridKinds.map((k) => ({ value: k, label: pick(gridKindLabel[k]) }))}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t("grids.filterStaffed")}
          value={filter.staffed}
          onChange={(staffed) => change({ staffed })}
          options={[
            { value: "false", label: t("grids.unstaffed") },
            { value: "true", label: t("grids.staffed") },
          ]}
        />
        <Select
          style={{ width: 110 }}
          value={filter.status ?? "active"}
          onChange={(status) => change({ status })}
          options={[
            { value: "active", label: t("grids.status.active") },
            { value: "retired", label: t("grids.status.retired") },
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t("grids.filterText")}
          onSearch={(q) => change({ q: q.trim() || undefined })}
        />
        <span className="toolbar-spacer" />
        <RegionPrintButton region={filter.region} />
        {filter.region && filter.region.length >= 6 && (
          <Button onClick={() => setChecking(true)}>{t("grids.checkProblems")}</Button>
        )}
        {selected.length >= 2 && (
          <Button onClick={() => setMerging(true)} data-testid="grid-merge">
            {t("grids.mergeSelected", { n: selected.length })}
          </Button>
        )}
        {abilities.import && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t("gridImport.open")}
          </Button>
        )}
      </div>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {merging && (
        <div style={{ maxWidth: 480, marginBottom: 16 }}>
          <GridMergePanel
            grids={selected}
            onRemove={(id) => setSelected((list) => list.filter((g) => g.id !== id))}
            onClose={() => setMerging(false)}
            onDone={(g) => {
              setMerging(false);
              setSelected([]);
              message.success(t("grids.mergeDone", { name: g.name }));
              load();
            }}
          />
        </div>
      )}
      <Table<GridSummary>
        data-testid="grid-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        scroll={{ x: 1500 }}
        rowSelection={{
          selectedRowKeys: selected.map((g) => g.id),
          getCheckboxProps: (g) => ({ disabled: !g.abilities.merge }),
          onChange: (_, rows) => setSelected((old) => [...old.filter((g) => !items.includes(g)), ...rows]),
        }}
        columns={gridColumns({
          t,
          onStaff: (g) => setStaffing(g.id),
          onEdit: (g) => setEditing(g),
        })}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total,
          showSizeChanger: true,
          showTotal: (n) => t("common.total", { n }),
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      <GridStaffDialog gridId={staffing} onClose={() => setStaffing(null)} onSaved={saved} />
      <GridEditDialog grid={editing} onClose={() => setEditing(null)} onSaved={saved} />
      <GridImportWizard open={importing} onClose={() => setImporting(false)} onImported={load} />
      <GridProblemsDrawer
        region={checking ? (filter.region ?? null) : null}
        onClose={() => setChecking(false)}
      />
    </Card>
  );
}
