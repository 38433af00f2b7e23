import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { officeRoles } from "../../../../domain/auth/roles";
import { fetchDepartmentKinds, fetchDepartments } from "../../api/departments";
import { cachedRegion } from "../../api/regions";
import type { Department, DepartmentKind } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { GridRoleTag } from "../../components/grid-role-tag";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { DepartmentDialog } from "./department-dialog";

/** /departments: the departments of one county, with their grid role; create and edit when allowed. */
export function DepartmentsPage() {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const region = params.get("region") ?? undefined;
  const [items, setItems] = useState<Department[]>([]);
  const [canCreate, setCanCreate] = useState(false);
  const [kinds, setKinds] = useState<DepartmentKind[]>([]);
  const [regionName, setRegionName] = useState("");
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<{ department: Department | null } | null>(null);

  const setRegion = useCallback(
    (code: string | undefined) => setParams(code ? { region: code } : {}, { replace: true }),
    [setParams],
  );

  const load = useCallback(async () => {
    if (!region) return;
    setLoading(true);
    setError(null);
    try {
      const res = await fetchDepartments(region);
      setItems(res.items);
      // the list carries no create ability yet: offices and administrators may add departments
      setCanCreate(res.abilities?.create ?? [...officeRoles, "system_admin"].includes(user.role));
    } catch (err) {
      setError(err);
      setItems([]);
    } finally {
      setLoading(false);
    }
  }, [region, user.role]);

  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    fetchDepartmentKinds()
      .then(setKinds)
      .catch(() => setKinds([]));
  }, []);
  useEffect(() => {
    if (region)
      cachedRegion(region)
        .then((d) => setRegionName(d.region.name))
        .catch(() => setRegionName(region));
  }, [region]);

  const kindLabel = (d: Department) => pick(kinds.find((k) => k.kind === d.kind)) || d.kindLabel;

  return (
    <Card title={t("departments.title")} className="page-card">
      <div className="toolbar">
        <span>{t("departments.county")}</span>
        <RegionCascader
          data-testid="department-region"
          maxLevel="county"
          autoSelectSingle
          value={region}
          onChange={setRegion}
          placeholder={t("departments.pickCounty")}
        />
        <span className="toolbar-spacer" />
        <Button icon={<ReloadOutlined />} onClick={load} disabled={!region}>
          {t("common.refresh")}
        </Button>
        {canCreate && region && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ department: null })}>
            {t("departments.new")}
          </Button>
        )}
      </div>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!region ? (
        <Empty description={t("departments.pickCounty")} />
      ) : (
        <Table<Department>
          data-testid="department-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={items}
          pagination={false}
          columns={[
            { title: t("departments.name"), dataIndex: "name" },
            { title: t("departments.kind"), dataIndex: "kind", render: (_, d) => kindLabel(d) },
            {
              title: t("departments.gridRole"),
              dataIndex: "gridRole",
              render: (_, d) => <GridRoleTag role={d.gridRole} />,
            },
            {
              title: t("common.status"),
              dataIndex: "status",
              render: (_, d) =>
                d.status === "active" ? (
                  <Tag color="green">{t("status.active")}</Tag>
                ) : (
                  <Tag>{t("status.inactive")}</Tag>
                ),
            },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_, d) =>
                d.abilities.update ? (
                  <Typography.Link onClick={() => setDialog({ department: d })}>
                    {t("common.edit")}
                  </Typography.Link>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      )}
      {region && (
        <DepartmentDialog
          open={dialog !== null}
          regionCode={region}
          regionName={regionName}
          department={dialog?.department ?? null}
          onClose={() => setDialog(null)}
          onSaved={load}
        />
      )}
    </Card>
  );
}
