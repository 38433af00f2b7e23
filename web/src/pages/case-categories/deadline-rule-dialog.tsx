import { Form, InputNumber, Radio, Select } from "antd";
import { useMemo } from "react";
import { type CaseStage, caseStageLabel, caseTypeLabel, caseTypes } from "../../../../domain/case/case-types";
import { timedStages } from "../../../../domain/case/deadline-rules";
import { createDeadlineRule, type DeadlineUnit, type TaxonomyCategory } from "../../api/case-taxonomy";
import { FormDialog } from "../../components/form-dialog";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";

interface Values {
  regionPrefix: string;
  category?: string;
  type?: string;
  stage: CaseStage;
  unit: DeadlineUnit;
  amount: number;
}

const fields = ["regionPrefix", "category", "type", "stage", "unit", "amount"];

/** Adds one stage time limit for a region, optionally for one category and/or case type. */
export function DeadlineRuleDialog(props: {
  open: boolean;
  region: string;
  categories: TaxonomyCategory[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const initialValues = useMemo<Partial<Values>>(
    () => ({ regionPrefix: props.region, stage: "handling", unit: "working_days", amount: 5 }),
    [props.region],
  );

  const onSubmit = async (v: Values) => {
    await createDeadlineRule({
      regionPrefix: v.regionPrefix,
      category: v.category ?? null,
      type: v.type ?? null,
      stage: v.stage,
      unit: v.unit,
      amount: v.amount,
    });
    props.onSaved();
  };

  return (
    <FormDialog<Values>
      open={props.open}
      title={t("taxonomy.newRule")}
      form={form}
      fields={fields}
      initialValues={initialValues}
      onSubmit={onSubmit}
      onClose={props.onClose}
      width={520}
      testId="deadline-dialog"
    >
      <Form.Item name="regionPrefix" label={t("taxonomy.ruleRegion")} rules={[{ required: true }]}>
        <RegionCascader maxLevel="county" anyLevel onChange={() => undefined} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="category" label={t("taxonomy.category")}>
        <Select
          allowClear
          data-testid="deadline-category"
          placeholder={t("taxonomy.any")}
          showSearch={{ optionFilterProp: "label" }}
          options={props.categories.map((c) => ({ value: c.code, label: pick(c) }))}
        />
      </Form.Item>
      <Form.Item name="type" label={t("taxonomy.type")}>
        <Select
          allowClear
          placeholder={t("taxonomy.any")}
          options={caseTypes.map((v) => ({ value: v, label: pick(caseTypeLabel[v]) }))}
        />
      </Form.Item>
      <Form.Item name="stage" label={t("taxonomy.stage")} rules={[{ required: true }]}>
        <Select
          data-testid="deadline-stage"
          options={timedStages.map((s) => ({ value: s, label: pick(caseStageLabel[s]) }))}
        />
      </Form.Item>
      <Form.Item name="unit" label={t("taxonomy.unit")} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="deadline-unit"
          optionType="button"
          options={[
            { value: "working_days", label: t("taxonomy.working_days") },
            { value: "working_hours", label: t("taxonomy.working_hours") },
          ]}
        />
      </Form.Item>
      <Form.Item name="amount" label={t("taxonomy.limit")} rules={[{ required: true }]}>
        <InputNumber min={1} max={2000} precision={0} style={{ width: 160 }} data-testid="deadline-amount" />
      </Form.Item>
    </FormDialog>
  );
}
