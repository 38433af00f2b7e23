import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Space, Switch, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  type DeadlineRuleView,
  fetchDeadlineRules,
  fetchTaxonomy,
  type TaxonomyCategory,
} from "../../api/case-taxonomy";
import { fetchDepartmentKinds } from "../../api/departments";
import type { DepartmentKind } from "../../api/types";
import { errorMessage } from "../../components/error-message";
import { RegionToolbar, useRegionData, useRegionParam } from "../../components/region-toolbar";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";
import { CategoryDialog } from "./category-dialog";
import { CategoryTable } from "./category-table";
import { ClosureRuleCard } from "./closure-rule-card";
import { DeadlineRuleDialog } from "./deadline-rule-dialog";
import { DeadlineRuleTable } from "./deadline-rule-table";
import "./case-categories.css";

/** The page's two lists for a region: the effective taxonomy and the deadline rules in force. */
const fetchTaxonomyPage = (region: string) =>
  Promise.all([fetchTaxonomy(region), fetchDeadlineRules(region)]);

const managers = ["province_office", "city_office", "county_office", "system_admin"];

/**
 * /case-categories (案件类别与办理时限): a region's effective category taxonomy (built-in, added,
 * overridden, deactivated) and the stage time limits in force there; offices covering it edit both.
 */
export function CaseCategoriesPage() {
  const { t, pick } = useI18n();
  const { user } = useSignedIn();
  const [region, setRegion] = useRegionParam();
  const { data, loading, error, reload: load } = useRegionData(region, fetchTaxonomyPage);
  const [taxonomy, rules] = data ?? [null, [] as DeadlineRuleView[]];
  const [kinds, setKinds] = useState<DepartmentKind[]>([]);
  const [onlyConfigured, setOnlyConfigured] = useState(false);
  const [categoryDialog, setCategoryDialog] = useState<{ category: TaxonomyCategory | null } | null>(null);
  const [ruleDialog, setRuleDialog] = useState(false);

  // Start at the user's own region (an office's province, city or county), not the tree's root.
  const home = user.scope[0]?.slice(0, 6);
  useEffect(() => {
    if (!region && home) setRegion(home);
  }, [region, home, setRegion]);
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
      <RegionToolbar
        label={t("taxonomy.region")}
        data-testid="taxonomy-region"
        maxLevel="county"
        anyLevel
        value={region}
        onChange={setRegion}
        placeholder={t("taxonomy.pickRegion")}
        onRefresh={load}
      />
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} />
      )}
      {!region ? (
        <Empty description={t("taxonomy.pickRegion")} />
      ) : (
        <>
          {region.length === 6 && <ClosureRuleCard county={region} />}
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
