import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { officeRoles } from "../../../../domain/auth/roles";
import { fetchDepartmentKinds, fetchDepartments } from "../../api/departments";
import { cachedRegion } from "../../api/regions";
import type { Department, DepartmentKind } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { GridRoleTag } from "../../components/grid-role-tag";
import { RegionToolbar, useRegionData, useRegionParam } from "../../components/region-toolbar";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { DepartmentDialog } from "./department-dialog";

/** /departments: the departments of one county, with their grid role; create and edit when allowed. */
export function DepartmentsPage() {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const [region, setRegion] = useRegionParam();
  const { data, loading, error, reload: load } = useRegionData(region, fetchDepartments);
  const items = data?.items ?? [];
  // the list carries no create ability yet: offices and administrators may add departments
  const canCreate = data
    ? (data.abilities?.create ?? [...officeRoles, "system_admin"].includes(user.role))
    : false;
  const [kinds, setKinds] = useState<DepartmentKind[]>([]);
  const [regionName, setRegionName] = useState("");
  const [dialog, setDialog] = useState<{ department: Department | null } | null>(null);
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
      <RegionToolbar
        label={t("departments.county")}
        data-testid="department-region"
        maxLevel="county"
        autoSelectSingle
        value={region}
        onChange={setRegion}
        placeholder={t("departments.pickCounty")}
        onRefresh={load}
      >
        {canCreate && region && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ department: null })}>
            {t("departments.new")}
          </Button>
        )}
      </RegionToolbar>
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
