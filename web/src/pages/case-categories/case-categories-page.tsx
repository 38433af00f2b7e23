import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Space, Switch, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import {
  type DeadlineRuleView,
  fetchDeadlineRules,
  fetchTaxonomy,
  type Taxonomy,
  type TaxonomyCategory,
} from "../../api/case-taxonomy";
import { fetchDepartmentKinds } from "../../api/departments";
import type { DepartmentKind } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { CategoryDialog } from "./category-dialog";
import { CategoryTable } from "./category-table";
import { DeadlineRuleDialog } from "./deadline-rule-dialog";
import { DeadlineRuleTable } from "./deadline-rule-table";
import "./case-categories.css";

const managers = ["province_office", "city_office", "county_office", "system_admin"];

/**
 * /case-categories (案件类别与办理时限): a region's effective category taxonomy (built-in, added,
 * overridden, deactivated) and the stage time limits in force there; offices covering it edit both.
 */
export function CaseCategoriesPage() {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const region = params.get("region") ?? undefined;
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null);
  const [rules, setRules] = useState<DeadlineRuleView[]>([]);
  const [kinds, setKinds] = useState<DepartmentKind[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [onlyConfigured, setOnlyConfigured] = useState(false);
  const [categoryDialog, setCategoryDialog] = useState<{ category: TaxonomyCategory | null } | null>(null);
  const [ruleDialog, setRuleDialog] = useState(false);

  const setRegion = useCallback(
    (code: string | undefined) => setParams(code ? { region: code } : {}, { replace: true }),
    [setParams],
  );

  const load = useCallback(async () => {
    if (!region) return;
    setLoading(true);
    setError(null);
    try {
      const [tax, list] = await Promise.all([fetchTaxonomy(region), fetchDeadlineRules(region)]);
      setTaxonomy(tax);
      setRules(list);
    } catch (err) {
      setError(err);
      setTaxonomy(null);
      setRules([]);
    } finally {
      setLoading(false);
    }
  }, [region]);

  // Start at the user's own region (an office's province, city or county), not the tree's root.
  const home = user.scope[0]?.slice(0, 6);
  useEffect(() => {
    if (!region && home) setRegion(home);
  }, [region, home, setRegion]);
  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    fetchDepartmentKinds()
      .then(setKinds)
      .catch(() => setKinds([]));
  }, []);

  const canManage = taxonomy?.abilities.manage ?? false;
  const items = taxonomy?.items ?? [];
  const categoryName = useCallback(
    (code: string) => {
      const c = items.find((x) => x.code === code);
      return c ? pick(c) : code;
    },
    [items, pick],
  );
  const shownRules = useMemo(
    () => [...rules.filter((r) => !r.builtIn), ...(onlyConfigured ? [] : rules.filter((r) => r.builtIn))],
    [rules, onlyConfigured],
  );
  const canDeleteRule = (r: DeadlineRuleView) =>
    managers.includes(user.role) && user.scope.some((s) => r.regionPrefix.startsWith(s));

  return (
    <Card title={t("taxonomy.title")} className="page-card" data-testid="taxonomy-page">
      <Typography.Paragraph type="secondary">{t("taxonomy.intro")}</Typography.Paragraph>
      <div className="toolbar">
        <span>{t("taxonomy.region")}</span>
        <RegionCascader
          data-testid="taxonomy-region"
          maxLevel="county"
          anyLevel
          value={region}
          onChange={setRegion}
          placeholder={t("taxonomy.pickRegion")}
        />
        <span className="toolbar-spacer" />
        <Button icon={<ReloadOutlined />} onClick={load} disabled={!region}>
          {t("common.refresh")}
        </Button>
      </div>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!region ? (
        <Empty description={t("taxonomy.pickRegion")} />
      ) : (
        <>
          <div className="taxonomy-section-title">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("taxonomy.categories")}
            </Typography.Title>
            <span className="toolbar-spacer" />
            {canManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCategoryDialog({ category: null })}
                data-testid="category-new"
              >
                {t("taxonomy.newCategory")}
              </Button>
            )}
          </div>
          {taxonomy && !canManage && (
            <Alert type="info" showIcon title={t("taxonomy.readOnly")} style={{ margin: "12px 0" }} />
          )}
          <CategoryTable
            region={region}
            items={items}
            loading={loading}
            canManage={canManage}
            onEdit={(category) => setCategoryDialog({ category })}
            onChanged={load}
          />
          <div className="taxonomy-section-title">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("taxonomy.deadlines")}
            </Typography.Title>
            <span className="toolbar-spacer" />
            <Space>
              <Switch size="small" checked={onlyConfigured} onChange={setOnlyConfigured} />
              <span>{t("taxonomy.onlyConfigured")}</span>
              {canManage && (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setRuleDialog(true)}
                  data-testid="deadline-new"
                >
                  {t("taxonomy.newRule")}
                </Button>
              )}
            </Space>
          </div>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t("taxonomy.deadlinesIntro")}
          </Typography.Paragraph>
          <DeadlineRuleTable
            rules={shownRules}
            loading={loading}
            categoryName={categoryName}
            canDelete={canDeleteRule}
            onChanged={load}
          />
          <CategoryDialog
            open={categoryDialog !== null}
            region={region}
            category={categoryDialog?.category ?? null}
            kinds={kinds}
            onClose={() => setCategoryDialog(null)}
            onSaved={load}
          />
          <DeadlineRuleDialog
            open={ruleDialog}
            region={region}
            categories={items}
            onClose={() => setRuleDialog(false)}
            onSaved={load}
          />
        </>
      )}
    </Card>
  );
}
