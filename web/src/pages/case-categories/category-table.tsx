import { App as AntApp, Popconfirm, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import {
  createCategoryConfig,
  deleteCategoryConfig,
  type TaxonomyCategory,
  updateCategoryConfig,
} from "../../api/case-taxonomy";
import { errorMessage } from "../../components/error-message";
import { RegionName } from "../../components/region-name";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";

interface CategoryTableProps {
  region: string;
  items: TaxonomyCategory[];
  loading: boolean;
  canManage: boolean;
  onEdit: (category: TaxonomyCategory) => void;
  onChanged: () => void;
}

/** The region's effective categories: source, default department, an active switch, edit and reset. */
export function CategoryTable({ region, items, loading, canManage, onEdit, onChanged }: CategoryTableProps) {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  // the internal code (fire, hazardous_chemicals) is for the system administrator, who wires integrations
  const showCode = user.role === "system_admin";
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (code: string, work: () => Promise<unknown>, done: string) => {
    setBusy(code);
    try {
      await work();
      message.success(done);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(null);
    }
  };

  const toggle = (c: TaxonomyCategory, active: boolean) =>
    run(
      c.code,
      () =>
        c.config
          ? updateCategoryConfig(c.config.id, { active })
          : createCategoryConfig({ regionPrefix: region, code: c.code, active }),
      t(active ? "taxonomy.activated" : "taxonomy.deactivated", { name: pick(c) }),
    );

  const remove = (c: TaxonomyCategory) =>
    c.config && run(c.code, () => deleteCategoryConfig(c.config!.id), t("taxonomy.deleted"));

  /** A category that exists only through this region's row is deleted; otherwise the row is reset. */
  const addedHere = (c: TaxonomyCategory) => !c.builtIn && c.config !== null && c.regionPrefix === region;

  return (
    <Table<TaxonomyCategory>
      data-testid="category-table"
      rowKey="code"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      // on a phone the table scrolls sideways rather than squeezing the names to two characters a line
      scroll={{ x: showCode ? 1020 : 830 }}
      onRow={(c) => ({ "data-code": c.code, "data-active": String(c.active) }) as never}
      rowClassName={(c) => (c.active ? "" : "row-muted")}
      columns={[
        ...(showCode
          ? [
              {
                title: t("taxonomy.code"),
                dataIndex: "code",
                width: 190,
                render: (v: string) => <code data-testid="category-code">{v}</code>,
              },
            ]
          : []),
        {
          title: t("taxonomy.name"),
          key: "name",
          width: 160,
          render: (_: unknown, c: TaxonomyCategory) => (
            <span title={showCode ? c.code : undefined}>{pick(c)}</span>
          ),
        },
        { title: t("taxonomy.kind"), dataIndex: "defaultDepartmentKindLabel", width: 190 },
        {
          title: t("taxonomy.source"),
          key: "source",
          width: 260,
          render: (_: unknown, c) => (
            <Space size={4} wrap>
              {c.builtIn ? (
                <Tag>{t("taxonomy.builtIn")}</Tag>
              ) : (
                <Tag color="green">{t("taxonomy.added")}</Tag>
              )}
              {c.regionPrefix && (
                <Typography.Text type="secondary">
                  {c.builtIn ? t("taxonomy.changedAt") : t("taxonomy.addedAt")}
                  <RegionName code={c.regionPrefix} />
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t("taxonomy.active"),
          key: "active",
          width: 90,
          render: (_: unknown, c) => (
            <Switch
              size="small"
              checked={c.active}
              disabled={!canManage}
              loading={busy === c.code}
              onChange={(on) => toggle(c, on)}
              data-testid={`category-active-${c.code}`}
            />
          ),
        },
        ...(canManage
          ? [
              {
                title: t("common.actions"),
                key: "actions",
                width: 170,
                render: (_: unknown, c: TaxonomyCategory) => (
                  <Space>
                    <Typography.Link onClick={() => onEdit(c)} data-testid={`category-edit-${c.code}`}>
                      {t("common.edit")}
                    </Typography.Link>
                    {c.config && (
                      <Popconfirm
                        title={t(addedHere(c) ? "taxonomy.confirmRemove" : "taxonomy.confirmReset", {
                          name: pick(c),
                        })}
                        onConfirm={() => remove(c)}
                      >
                        <Typography.Link type="danger">
                          {addedHere(c) ? t("common.delete") : t("taxonomy.reset")}
                        </Typography.Link>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
