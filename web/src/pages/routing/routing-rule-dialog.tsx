import { AutoComplete, Form, Input, InputNumber, Select } from "antd";
import { useMemo } from "react";
import { createRoutingRule, type RoutingRuleInput, updateRoutingRule } from "../../api/routing-rules";
import type { DepartmentKind, RoutingRule } from "../../api/types";
import { FormDialog } from "../../components/form-dialog";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { siteKinds } from "./site-kinds";

interface Values {
  regionPrefix: string;
  industryPrefix?: string;
  siteKind?: string;
  departmentKind: string;
  priority: number;
  note?: string;
}

const fields = ["regionPrefix", "industryPrefix", "siteKind", "departmentKind", "priority", "note"];

/** Create or edit one routing rule: which department kind gets a site's cases. */
export function RoutingRuleDialog(props: {
  open: boolean;
  rule: RoutingRule | null;
  defaultRegion: string;
  kinds: DepartmentKind[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const { rule, defaultRegion } = props;

  const initialValues = useMemo<Partial<Values>>(
    () =>
      rule
        ? {
            regionPrefix: rule.regionPrefix,
            industryPrefix: rule.industryPrefix ?? undefined,
            siteKind: rule.siteKind ?? undefined,
            departmentKind: rule.departmentKind,
            priority: rule.priority,
            note: rule.note,
          }
        : { regionPrefix: defaultRegion, priority: 100 },
    [rule, defaultRegion],
  );

  const onSubmit = async (v: Values) => {
    const input: RoutingRuleInput = {
      regionPrefix: v.regionPrefix,
      industryPrefix: v.industryPrefix?.trim() ? v.industryPrefix.trim().toUpperCase() : null,
      siteKind: v.siteKind?.trim() ? v.siteKind.trim() : null,
      departmentKind: v.departmentKind,
      priority: v.priority,
      note: v.note?.trim() ?? "",
    };
    if (rule) await updateRoutingRule(rule.id, input);
    else await createRoutingRule(input);
    props.onSaved();
  };

  return (
    <FormDialog<Values>
      open={props.open}
      title={rule ? t("routing.edit") : t("routing.new")}
      form={form}
      fields={fields}
      initialValues={initialValues}
      onSubmit={onSubmit}
      onClose={props.onClose}
      width={560}
      testId="routing-dialog"
    >
      <Form.Item
        name="regionPrefix"
        label={t("routing.region")}
        rules={[{ required: true, message: t("form.choose", { label: t("routing.region") }) }]}
      >
        <RegionCascader maxLevel="county" anyLevel onChange={() => undefined} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        name="industryPrefix"
        label={t("routing.industry")}
        extra={t("routing.industryHint")}
        rules={[{ pattern: /^[A-Za-z](\d{0,4})$/, message: t("routing.industryInvalid") }]}
      >
        <Input placeholder={t("routing.any")} allowClear />
      </Form.Item>
      <Form.Item name="siteKind" label={t("routing.siteKind")}>
        <AutoComplete
          allowClear
          placeholder={t("routing.any")}
          options={siteKinds.map((s) => ({ value: s.kind, label: `${t(s.label)}（${s.kind}）` }))}
        />
      </Form.Item>
      <Form.Item
        name="departmentKind"
        label={t("routing.departmentKind")}
        rules={[{ required: true, message: t("form.choose", { label: t("routing.departmentKind") }) }]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          options={props.kinds.map((k) => ({ value: k.kind, label: pick(k) }))}
        />
      </Form.Item>
      <Form.Item
        name="priority"
        label={t("routing.priority")}
        extra={t("routing.priorityHint")}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={10000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="note" label={t("routing.note")}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
    </FormDialog>
  );
}
