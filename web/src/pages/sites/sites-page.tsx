import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Table } from "antd";
import { useCallback, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { exportSites, fetchSites, type Site, type SiteFilter } from "../../api/sites";
import { errorMessage } from "../../components/error-message";
import { ExportButton } from "../../components/export-button";
import { useLoad } from "../../components/use-load";
import { useI18n } from "../../i18n/i18n-context";
import { siteColumns } from "./site-columns";
import { SiteDrawer } from "./site-drawer";
import { SiteFilters } from "./site-filters";
import { SiteFormDialog } from "./site-form-dialog";
import { SiteImportWizard } from "./site-import-wizard";

const filterKeys = [
  "region",
  "kind",
  "riskLevel",
  "status",
  "industry",
  "gridId",
  "q",
  "direct",
  "gap",
] as const;

/** The filter kept in the address bar, so a link (from the map or the coverage page) opens a filtered list. */
function filterOf(params: URLSearchParams): SiteFilter {
  const out: Record<string, string> = {};
  for (const key of filterKeys) {
    const v = params.get(key);
    if (v) out[key] = v;
  }
  return out as SiteFilter;
}

/** /sites: the site register (监督管理对象) with filters, assignment, import, export and each site's file. */
export function SitesPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const {
    data,
    loading,
    error,
    reload: load,
  } = useLoad(useCallback(() => fetchSites({ ...filter, ...paging }), [filter, paging]));
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const abilities = data?.abilities ?? { create: false, import: false, export: false };
  // ?site=<id> opens that site's file (links from a case, the trail, the map)
  const [open, setOpen] = useState<string | null>(params.get("site"));
  const [editing, setEditing] = useState<{ site: Site | null } | null>(null);
  const [importing, setImporting] = useState(false);

  const change = (patch: Partial<SiteFilter>) => {
    const next = { ...filter, ...patch } as Record<string, string | undefined>;
    const search = new URLSearchParams();
    for (const key of filterKeys) if (next[key]) search.set(key, next[key]!);
    if (open) search.set("site", open);
    setParams(search, { replace: true });
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Card title={t("sites.title")} className="page-card">
      <SiteFilters filter={filter} onChange={change}>
        <span className="toolbar-spacer" />
        {abilities.export && (
          <ExportButton
            kind="sites"
            download={(reason) => exportSites(filter, reason)}
            label={t("sites.export")}
            testId="site-export"
          />
        )}
        {abilities.import && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="site-import">
            {t("siteImport.open")}
          </Button>
        )}
        {abilities.create && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ site: null })}
            data-testid="site-new"
          >
            {t("sites.new")}
          </Button>
        )}
      </SiteFilters>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<Site>
        data-testid="site-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        scroll={{ x: 1850 }}
        columns={siteColumns({ t, onOpen: (s) => setOpen(s.id), onEdit: (s) => setEditing({ site: s }) })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total,
          showSizeChanger: true,
          showTotal: (n) => t("common.total", { n }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      <SiteDrawer siteId={open} onClose={() => setOpen(null)} onChanged={load} />
      <SiteFormDialog
        open={editing !== null}
        site={editing?.site ?? null}
        defaultRegion={filter.region}
        onClose={() => setEditing(null)}
        onSaved={(site) => {
          message.success(t("common.saved"));
          load();
          setOpen(site.id);
        }}
      />
      <SiteImportWizard
        open={importing}
        defaultRegion={filter.region}
        onClose={() => setImporting(false)}
        onImported={load}
      />
    </Card>
  );
}
