import { App as AntApp, Popconfirm, Table, Tag, Typography } from "antd";
import {
  type CaseStage,
  type CaseType,
  caseStageLabel,
  caseTypeLabel,
} from "../../../../domain/case/case-types";
import { type DeadlineRuleView, deleteDeadlineRule } from "../../api/case-taxonomy";
import { errorMessage } from "../../components/error-message";
import { RegionName } from "../../components/region-name";
import { useI18n } from "../../i18n/i18n-context";

interface DeadlineRuleTableProps {
  rules: DeadlineRuleView[];
  loading: boolean;
  /** The category names of the region (codes of unknown categories are shown as they are). */
  categoryName: (code: string) => string;
  /** Whether the user may delete a configured rule of that region prefix. */
  canDelete: (rule: DeadlineRuleView) => boolean;
  onChanged: () => void;
}

/** The stage time limits in force for the region: built-in ones read only, configured ones deletable. */
export function DeadlineRuleTable({
  rules,
  loading,
  categoryName,
  canDelete,
  onChanged,
}: DeadlineRuleTableProps) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const any = <Typography.Text type="secondary">{t("taxonomy.any")}</Typography.Text>;

  const remove = async (rule: DeadlineRuleView) => {
    try {
      await deleteDeadlineRule(rule.id);
      message.success(t("taxonomy.deleted"));
      onChanged();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Table<DeadlineRuleView>
      data-testid="deadline-table"
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rules}
      pagination={{ pageSize: 12, showSizeChanger: false, hideOnSinglePage: true }}
      onRow={(r) => ({ "data-built-in": String(r.builtIn), "data-category": r.category ?? "" }) as never}
      columns={[
        {
          title: t("taxonomy.ruleRegion"),
          dataIndex: "regionPrefix",
          render: (code: string) => (code ? <RegionName code={code} /> : t("taxonomy.everywhere")),
        },
        {
          title: t("taxonomy.category"),
          dataIndex: "category",
          render: (code: string | null) => (code ? categoryName(code) : any),
        },
        {
          title: t("taxonomy.type"),
          dataIndex: "type",
          render: (type: string | null) => (type ? pick(caseTypeLabel[type as CaseType], type) : any),
        },
        {
          title: t("taxonomy.stage"),
          dataIndex: "stage",
          render: (stage: string) => pick(caseStageLabel[stage as CaseStage], stage),
        },
        {
          title: t("taxonomy.limit"),
          key: "limit",
          render: (_: unknown, r) =>
            t(r.unit === "working_days" ? "taxonomy.amountDays" : "taxonomy.amountHours", { n: r.amount }),
        },
        {
          title: t("taxonomy.source"),
          dataIndex: "builtIn",
          render: (builtIn: boolean) =>
            builtIn ? (
              <Tag>{t("taxonomy.builtIn")}</Tag>
            ) : (
              <Tag color="green">{t("taxonomy.configured")}</Tag>
            ),
        },
        {
          title: t("common.actions"),
          key: "actions",
          render: (_: unknown, r) =>
            !r.builtIn &&
            canDelete(r) && (
              <Popconfirm title={t("taxonomy.confirmDeleteRule")} onConfirm={() => remove(r)}>
                <Typography.Link type="danger">{t("common.delete")}</Typography.Link>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
