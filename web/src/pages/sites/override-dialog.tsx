import { Checkbox, Form, Input, Select } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { AssignmentPart } from "../../../../domain/schemas/site-schemas";
import { fetchDepartments } from "../../api/departments";
import { fetchGridWorkers, type GridWorkerCandidate } from "../../api/grids";
import { overrideAssignment, type Site } from "../../api/sites";
import type { Department } from "../../api/types";
import { FormDialog } from "../../components/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { GridPicker } from "../grids/grid-picker";

interface Values {
  gridId?: string | null;
  workerId?: string | null;
  departmentId?: string | null;
  reset: AssignmentPart[];
  reason: string;
}

/**
 * A manual change to a site's assignment: another grid, grid worker or department, or back to the
 * automatic rule. A reason is required; the change is kept in the trail.
 */
export function OverrideDialog(props: {
  site: Site | null;
  onClose: () => void;
  onSaved: (site: Site) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [workers, setWorkers] = useState<GridWorkerCandidate[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const { site } = props;
  const county = site?.regionCode.slice(0, 6);
  const reset = Form.useWatch("reset", form) ?? [];

  useEffect(() => {
    if (!county) return;
    fetchGridWorkers({ region: county, pageSize: 200 })
      .then((r) => setWorkers(r.items))
      .catch(() => setWorkers([]));
    fetchDepartments(county)
      .then((r) => setDepartments(r.items.filter((d) => d.status === "active")))
      .catch(() => setDepartments([]));
  }, [county]);

  const initialValues = useMemo<Partial<Values>>(
    () =>
      site
        ? {
            gridId: site.assignment.grid?.id ?? null,
            workerId: site.assignment.worker?.id ?? null,
            departmentId: site.assignment.department?.id ?? null,
            reset: [],
            reason: "",
          }
        : {},
    [site],
  );
  const overridden = site
    ? (["grid", "worker", "department"] as const).filter((p) => site.assignment.overrides[p])
    : [];

  return (
    <FormDialog<Values>
      open={site !== null}
      title={t("sites.overrideTitle", { name: site?.name ?? "" })}
      form={form}
      fields={["gridId", "workerId", "departmentId", "reset", "reason"]}
      initialValues={initialValues}
      onClose={props.onClose}
      testId="override-dialog"
      onSubmit={async (v) => {
        if (!site) return;
        const a = site.assignment;
        const resets = v.reset ?? [];
        const body: Parameters<typeof overrideAssignment>[1] = {
          version: site.version,
          reason: v.reason.trim(),
        };
        if (!resets.includes("grid") && (v.gridId ?? null) !== (a.grid?.id ?? null))
          body.gridId = v.gridId ?? null;
        if (!resets.includes("worker") && (v.workerId ?? null) !== (a.worker?.id ?? null))
          body.workerId = v.workerId ?? null;
        if (!resets.includes("department") && (v.departmentId ?? null) !== (a.department?.id ?? null))
          body.departmentId = v.departmentId ?? null;
        if (resets.length) body.reset = resets;
        props.onSaved(await overrideAssignment(site.id, body));
      }}
    >
      <Form.Item name="gridId" label={t("sites.grid")}>
        <GridPicker region={county} style={{ width: "100%" }} disabled={reset.includes("grid")} />
      </Form.Item>
      <Form.Item name="workerId" label={t("sites.worker")}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          disabled={reset.includes("worker")}
          options={workers.map((w) => ({ value: w.id, label: w.displayName }))}
        />
      </Form.Item>
      <Form.Item name="departmentId" label={t("sites.department")}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          disabled={reset.includes("department")}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      {overridden.length > 0 && (
        <Form.Item name="reset" label={t("sites.overrideReset")}>
          <Checkbox.Group options={overridden.map((p) => ({ value: p, label: t(`sites.part.${p}`) }))} />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={t("sites.overrideReason")}
        rules={[{ required: true, whitespace: true, min: 2, message: t("sites.overrideReasonRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="override-reason" />
      </Form.Item>
    </FormDialog>
  );
}
