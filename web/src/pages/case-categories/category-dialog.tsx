import { Form, Input, Select, Typography } from "antd";
import { useMemo } from "react";
import { categoryCodePattern } from "../../../../domain/case/category-taxonomy";
import {
  type CategoryConfigInput,
  createCategoryConfig,
  type TaxonomyCategory,
  updateCategoryConfig,
} from "../../api/case-taxonomy";
import type { DepartmentKind } from "../../api/types";
import { FormDialog } from "../../components/form-dialog";
import { RegionName } from "../../components/region-name";
import { useI18n } from "../../i18n/i18n-context";

interface Values {
  code: string;
  zh: string;
  en?: string;
  defaultDepartmentKind: string;
}

const fields = ["code", "zh", "en", "defaultDepartmentKind"];

/**
 * Adds a category to a region, or edits one for the region: the region's own row is changed, or a new
 * row overrides what the region inherits with only the fields the user changed.
 */
export function CategoryDialog(props: {
  open: boolean;
  region: string;
  category: TaxonomyCategory | null;
  kinds: DepartmentKind[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const { category, region } = props;

  const initialValues = useMemo<Partial<Values>>(
    () =>
      category
        ? {
            code: category.code,
            zh: category.zh,
            en: category.en,
            defaultDepartmentKind: category.defaultDepartmentKind,
          }
        : {},
    [category],
  );

  const onSubmit = async (v: Values) => {
    const en = v.en?.trim() ? v.en.trim() : null;
    if (!category) {
      await createCategoryConfig({
        regionPrefix: region,
        code: v.code.trim(),
        zh: v.zh.trim(),
        ...(en ? { en } : {}),
        defaultDepartmentKind: v.defaultDepartmentKind,
      });
    } else {
      const changed: CategoryConfigInput = {};
      if (v.zh.trim() !== category.zh) changed.zh = v.zh.trim();
      if ((en ?? "") !== category.en) changed.en = en;
      if (v.defaultDepartmentKind !== category.defaultDepartmentKind)
        changed.defaultDepartmentKind = v.defaultDepartmentKind;
      if (Object.keys(changed).length === 0) return;
      if (category.config) await updateCategoryConfig(category.config.id, changed);
      else await createCategoryConfig({ regionPrefix: region, code: category.code, ...changed });
    }
    props.onSaved();
  };

  return (
    <FormDialog<Values>
      open={props.open}
      title={category ? t("taxonomy.editCategory", { name: pick(category) }) : t("taxonomy.newCategory")}
      form={form}
      fields={fields}
      initialValues={initialValues}
      onSubmit={onSubmit}
      onClose={props.onClose}
      width={560}
      testId="category-dialog"
    >
      <Typography.Paragraph type="secondary">
        {t("taxonomy.region")}：<RegionName code={region} withCode />
        {category && !category.config && <> · {t("taxonomy.overrideHint")}</>}
      </Typography.Paragraph>
      <Form.Item
        name="code"
        label={t("taxonomy.code")}
        extra={category ? undefined : t("taxonomy.codeHint")}
        rules={[
          { required: true, message: t("taxonomy.codeInvalid") },
          { pattern: categoryCodePattern, message: t("taxonomy.codeInvalid") },
        ]}
      >
        <Input disabled={!!category} maxLength={40} data-testid="category-code" />
      </Form.Item>
      <Form.Item
        name="zh"
        label={t("taxonomy.name")}
        rules={[{ required: true, whitespace: true, message: t("taxonomy.nameRequired") }]}
      >
        <Input maxLength={20} showCount data-testid="category-zh" />
      </Form.Item>
      <Form.Item name="en" label={t("taxonomy.nameEn")} extra={t("taxonomy.nameEnHint")}>
        <Input maxLength={60} data-testid="category-en" />
      </Form.Item>
      <Form.Item
        name="defaultDepartmentKind"
        label={t("taxonomy.kind")}
        rules={[{ required: true, message: t("form.choose", { label: t("taxonomy.kind") }) }]}
      >
        <Select
          data-testid="category-kind"
          showSearch={{ optionFilterProp: "label" }}
          options={props.kinds.map((k) => ({ value: k.kind, label: pick(k) }))}
        />
      </Form.Item>
    </FormDialog>
  );
}
