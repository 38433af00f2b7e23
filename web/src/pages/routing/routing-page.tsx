import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Popconfirm,
  Space,
  Table,
  Tooltip,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { industryLabel } from "../../../../domain/site/industry";
import { fetchDepartmentKinds } from "../../api/departments";
import { deleteRoutingRule, fetchRoutingRules } from "../../api/routing-rules";
import type { DepartmentKind, RoutingRule } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { RegionName } from "../../components/region-name";
import { RegionToolbar, useRegionData, useRegionParam } from "../../components/region-toolbar";
import { useI18n } from "../../i18n/i18n-context";
import { RoutingRuleDialog } from "./routing-rule-dialog";
import { siteKinds } from "./site-kinds";

/** /routing: the routing table of a region (which department kind handles which sites), editable when allowed. */
export function RoutingPage() {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [region, setRegion] = useRegionParam();
  const { data, loading, error, reload: load } = useRegionData(region, fetchRoutingRules);
  const items = data?.items ?? [];
  const canUpdate = data?.abilities.update ?? false;
  const [kinds, setKinds] = useState<DepartmentKind[]>([]);
  const [dialog, setDialog] = useState<{ rule: RoutingRule | null } | null>(null);
  useEffect(() => {
    fetchDepartmentKinds()
      .then(setKinds)
      .catch(() => setKinds([]));
  }, []);

  const remove = async (rule: RoutingRule) => {
    try {
      await deleteRoutingRule(rule.id);
      message.success(t("routing.deleted"));
      load();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const kindLabel = (kind: string) =>
    pick(
      kinds.find((k) => k.kind === kind),
      kind,
    );
  const siteKindLabel = (kind: string | null) => {
    if (!kind) return <Typography.Text type="secondary">{t("routing.any")}</Typography.Text>;
    const known = siteKinds.find((s) => s.kind === kind);
    return known ? t(known.label) : kind;
  };

  return (
    <Card title={t("routing.title")} className="page-card">
      <Typography.Paragraph type="secondary">{t("routing.intro")}</Typography.Paragraph>
      <RegionToolbar
        label={t("routing.region")}
        data-testid="routing-region"
        maxLevel="county"
        anyLevel
        autoSelectSingle
        value={region}
        onChange={setRegion}
        onRefresh={load}
      >
        {canUpdate && region && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ rule: null })}>
            {t("routing.new")}
          </Button>
        )}
      </RegionToolbar>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!region ? (
        <Empty description={t("routing.pickRegion")} />
      ) : (
        <Table<RoutingRule>
          data-testid="routing-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={items}
          pagination={false}
          // on a phone the table scrolls sideways (the notes stay readable)
          scroll={{ x: 1100 }}
          columns={[
            {
              title: t("routing.region"),
              dataIndex: "regionPrefix",
              width: 170,
              render: (code: string) =>
                code ? (
                  <Tooltip title={code}>
                    <span>
                      <RegionName code={code} />
                    </span>
                  </Tooltip>
                ) : (
                  <Typography.Text type="secondary">{t("routing.everywhere")}</Typography.Text>
                ),
            },
            {
              title: t("routing.industry"),
              dataIndex: "industryPrefix",
              width: 110,
              // the industry by its GB/T 4754 name, the code on hover
              render: (v: string | null) =>
                v ? (
                  <Tooltip title={v}>
                    <span data-industry={v}>{pick(industryLabel(v) ?? undefined, v)}</span>
                  </Tooltip>
                ) : (
                  <Typography.Text type="secondary">{t("routing.any")}</Typography.Text>
                ),
            },
            { title: t("routing.siteKind"), dataIndex: "siteKind", width: 110, render: siteKindLabel },
            {
              title: t("routing.departmentKind"),
              dataIndex: "departmentKind",
              width: 170,
              render: kindLabel,
            },
            { title: t("routing.priority"), dataIndex: "priority", align: "right", width: 80 },
            { title: t("routing.note"), dataIndex: "note" },
            ...(canUpdate
              ? [
                  {
                    title: t("common.actions"),
                    key: "actions",
                    width: 120,
                    // Per rule: a county office keeps its own rules, not the ones everywhere or above it.
                    render: (_: unknown, rule: RoutingRule) =>
                      !rule.abilities.update ? (
                        <Typography.Text type="secondary">—</Typography.Text>
                      ) : (
                        <Space style={{ whiteSpace: "nowrap" }}>
                          <Typography.Link onClick={() => setDialog({ rule })}>
                            {t("common.edit")}
                          </Typography.Link>
                          <Popconfirm title={t("routing.confirmDelete")} onConfirm={() => remove(rule)}>
                            <Typography.Link type="danger">{t("common.delete")}</Typography.Link>
                          </Popconfirm>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {region && (
        <RoutingRuleDialog
          open={dialog !== null}
          rule={dialog?.rule ?? null}
          defaultRegion={region}
          kinds={kinds}
          onClose={() => setDialog(null)}
          onSaved={load}
        />
      )}
    </Card>
  );
}
