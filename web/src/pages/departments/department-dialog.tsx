import { Form, Input, Radio, Select } from "antd";
import { useEffect, useMemo, useState } from "react";
import {
  createDepartment,
  type DepartmentInput,
  fetchDepartmentKinds,
  updateDepartment,
} from "../../api/departments";
import type { Department, DepartmentKind } from "../../api/types";
import { FormDialog } from "../../components/form-dialog";
import { useI18n } from "../../i18n/i18n-context";

interface Values {
  name: string;
  kind: string;
  gridRole: Department["gridRole"];
  status: Department["status"];
}

const fields = ["name", "kind", "gridRole", "status"];

/** Create (no `department`) or edit a department of the county `regionCode`. */
export function DepartmentDialog(props: {
  open: boolean;
  regionCode: string;
  regionName: string;
  department: Department | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const [kinds, setKinds] = useState<DepartmentKind[]>([]);
  const { department } = props;

  useEffect(() => {
    fetchDepartmentKinds()
      .then(setKinds)
      .catch(() => setKinds([]));
  }, []);

  const initialValues = useMemo<Partial<Values>>(
    () =>
      department
        ? {
            name: department.name,
            kind: department.kind,
            gridRole: department.gridRole,
            status: department.status,
          }
        : { gridRole: "none", status: "active" },
    [department],
  );

  const onSubmit = async (values: Values) => {
    if (department) {
      await updateDepartment(department.id, values);
    } else {
      const input: DepartmentInput = {
        regionCode: props.regionCode,
        name: values.name.trim(),
        kind: values.kind,
        gridRole: values.gridRole,
      };
      await createDepartment(input);
    }
    props.onSaved();
  };

  return (
    <FormDialog<Values>
      open={props.open}
      title={department ? t("departments.edit") : t("departments.create", { region: props.regionName })}
      form={form}
      fields={fields}
      initialValues={initialValues}
      onSubmit={onSubmit}
      onClose={props.onClose}
      testId="department-dialog"
    >
      <Form.Item
        name="name"
        label={t("departments.name")}
        rules={[{ required: true, whitespace: true, max: 100 }]}
      >
        <Input data-testid="department-name" placeholder={t("departments.namePlaceholder")} />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t("departments.kind")}
        rules={[{ required: true, message: t("form.choose", { label: t("departments.kind") }) }]}
      >
        <Select
          showSearch={{ optionFilterProp: "label" }}
          options={kinds.map((k) => ({ value: k.kind, label: pick(k) }))}
          placeholder={t("departments.kindPlaceholder")}
        />
      </Form.Item>
      <Form.Item name="gridRole" label={t("departments.gridRole")} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: "lead", label: t("gridRole.lead") },
            { value: "cooperating", label: t("gridRole.cooperating") },
            { value: "none", label: t("gridRole.none") },
          ]}
        />
      </Form.Item>
      {department && (
        <Form.Item name="status" label={t("common.status")}>
          <Radio.Group
            options={[
              { value: "active", label: t("status.active") },
              { value: "inactive", label: t("status.inactive") },
            ]}
          />
        </Form.Item>
      )}
    </FormDialog>
  );
}
