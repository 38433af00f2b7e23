import { Form, Input, Select } from "antd";
import { useMemo } from "react";
import { type GridKind, gridKindLabel, gridKinds } from "../../../../domain/schemas/grid-schemas";
import { type Grid, type GridSummary, updateGrid } from "../../api/grids";
import { FormDialog } from "../../components/form-dialog";
import { useI18n } from "../../i18n/i18n-context";
import { VillageSelect } from "./village-select";

type Values = { name: string; kind: GridKind; villageCodes: string[] };

/** Name, kind and covered villages of a grid (its outline changes by drawing, splitting or merging). */
export function GridEditDialog(props: {
  grid: GridSummary | null;
  onClose: () => void;
  onSaved: (grid: Grid) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const { grid } = props;
  const initialValues = useMemo(
    () => (grid ? { name: grid.name, kind: grid.kind, villageCodes: grid.villageCodes } : undefined),
    [grid],
  );
  return (
    <FormDialog<Values>
      open={grid !== null}
      title={t("grids.editTitle", { name: grid?.name ?? "" })}
      form={form}
      fields={["name", "kind", "villageCodes"]}
      initialValues={initialValues}
      onClose={props.onClose}
      onSubmit={async (v) => {
        if (!grid) return;
        props.onSaved(
          await updateGrid(grid.id, {
            version: grid.version,
            name: v.name.trim(),
            kind: v.kind,
            villageCodes: v.villageCodes ?? [],
          }),
        );
      }}
    >
      <Form.Item name="name" label={t("grids.name")} rules={[{ required: true, whitespace: true, max: 60 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t("grids.kind")} rules={[{ required: true }]}>
        <Select options={gridKinds.map((k) => ({ value: k, label: pick(gridKindLabel[k]) }))} />
      </Form.Item>
      <Form.Item name="villageCodes" label={t("grids.villages")}>
        <VillageSelect township={grid?.townshipCode} />
      </Form.Item>
    </FormDialog>
  );
}
