import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Card, Empty, Popconfirm, Space, Table, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { fetchDepartmentKinds } from "../../api/departments";
import { deleteRoutingRule, fetchRoutingRules } from "../../api/routing-rules";
import type { DepartmentKind, RoutingRule } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { RegionName } from "../../components/region-name";
import { useI18n } from "../../i18n/i18n-context";
import { RoutingRuleDialog } from "./routing-rule-dialog";
import { siteKinds } from "./site-kinds";

/** /routing: the routing table of a region (which department kind handles which sites), editable when allowed. */
export function RoutingPage() {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const region = params.get("region") ?? undefined;
  const [items, setItems] = useState<RoutingRule[]>([]);
  const [canUpdate, setCanUpdate] = useState(false);
  const [kinds, setKinds] = useState<DepartmentKind[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<{ rule: RoutingRule | null } | null>(null);

  const setRegion = useCallback(
    (code: string | undefined) => setParams(code ? { region: code } : {}, { replace: true }),
    [setParams],
  );

  const load = useCallback(async () => {
    if (!region) return;
    setLoading(true);
    setError(null);
    try {
      const res = await fetchRoutingRules(region);
      setItems(res.items);
      setCanUpdate(res.abilities.update);
    } catch (err) {
      setError(err);
      setItems([]);
    } finally {
      setLoading(false);
    }
  }, [region]);

  useEffect(() => {
    load();
  }, [load]);
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
      <div className="toolbar">
        <span>{t("routing.region")}</span>
        <RegionCascader
          data-testid="routing-region"
          maxLevel="county"
          anyLevel
          autoSelectSingle
          value={region}
          onChange={setRegion}
        />
        <span className="toolbar-spacer" />
        <Button icon={<ReloadOutlined />} onClick={load} disabled={!region}>
          {t("common.refresh")}
        </Button>
        {canUpdate && region && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ rule: null })}>
            {t("routing.new")}
          </Button>
        )}
      </div>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!region ? (
        <Empty description={t("routing.pickRegion")} />
      ) : (
        <Table<RoutingRule>
          data-testid="routing-table"
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={false}
          columns={[
            {
              title: t("routing.region"),
              dataIndex: "regionPrefix",
              render: (code: string) => <RegionName code={code} withCode />,
            },
            {
              title: t("routing.industry"),
              dataIndex: "industryPrefix",
              render: (v: string | null) =>
                v ?? <Typography.Text type="secondary">{t("routing.any")}</Typography.Text>,
            },
            { title: t("routing.siteKind"), dataIndex: "siteKind", render: siteKindLabel },
            { title: t("routing.departmentKind"), dataIndex: "departmentKind", render: kindLabel },
            { title: t("routing.priority"), dataIndex: "priority", align: "right" },
            { title: t("routing.note"), dataIndex: "note" },
            ...(canUpdate
              ? [
                  {
                    title: t("common.actions"),
                    key: "actions",
                    render: (_: unknown, rule: RoutingRule) => (
                      <Space>
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
