import { Descriptions, Form, type FormInstance, Select, Table } from "antd";
import type { Crs } from "../../../../domain/geo/coordinates";
import {
  type GridKind,
  gridKindLabel,
  gridKinds,
  type ImportMode,
} from "../../../../domain/schemas/grid-schemas";
import type { GridImportInspection, GridImportMapping } from "../../api/grids";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { CrsChoice, ImportModeChoice } from "../sites/import-parts";

const mappingKeys = ["name", "code", "kind", "regionCode", "villageCodes"] as const;
const guesses: Record<(typeof mappingKeys)[number], RegExp> = {
  name: /^(name|mc|wgmc|网格名称|名称)$|name|名称/i,
  code: /^(code|bm|wgbm|网格编码|编码|编号)$|code|编码|编号/i,
  kind: /kind|type|类型|类别/i,
  regionCode: /region|xzqh|区划|乡镇代码/i,
  villageCodes: /village|村/i,
};

/** A first guess of which source field holds what (the user confirms every one). */
export function guessMapping(fields: string[]): Partial<GridImportMapping> {
  const out: Partial<GridImportMapping> = {};
  const used = new Set<string>();
  for (const key of mappingKeys) {
    const hit = fields.find((f) => !used.has(f) && guesses[key].test(f));
    if (hit) {
      out[key] = hit;
      used.add(hit);
    }
  }
  return out;
}

export const crsOf = (crs: string | null): Crs =>
  crs && /gcj/i.test(crs) ? "GCJ02" : crs && /bd-?09|baidu/i.test(crs) ? "BD09" : "WGS84";

export type MappingValues = GridImportMapping & {
  region?: string;
  defaultKind: GridKind;
  crs: Crs;
  mode: ImportMode;
};

/**
 * The field mapping step of a grid layer import: which source field holds the name, code, kind, region and
 * villages, the default township or village and kind, the coordinate system and the mode, with a sample.
 */
export function GridImportMappingStep(props: {
  visible: boolean;
  form: FormInstance<MappingValues>;
  fileName?: string;
  inspection: GridImportInspection | null;
}) {
  const { t, pick } = useI18n();
  const { form, inspection } = props;
  const mappedRegion = Form.useWatch("regionCode", form);
  const fieldOptions = (inspection?.fields ?? []).map((f) => ({ value: f, label: f }));
  const mapField = (key: (typeof mappingKeys)[number], required = false) => (
    <Form.Item
      key={key}
      name={key}
      label={t(`gridImport.field.${key}`)}
      rules={required ? [{ required: true, message: t("gridImport.fieldRequired") }] : []}
    >
      <Select
        allowClear={!required}
        options={fieldOptions}
        placeholder={t("gridImport.notMapped")}
        data-testid={`map-${key}`}
      />
    </Form.Item>
  );
  return (
    <div style={{ display: props.visible ? "block" : "none" }} data-testid="grid-import-mapping">
      {inspection && (
        <Descriptions
          size="small"
          column={4}
          style={{ marginBottom: 12 }}
          items={[
            { key: "file", label: t("gridImport.file"), children: props.fileName },
            { key: "format", label: t("gridImport.format"), children: inspection.format },
            {
              key: "features",
              label: t("gridImport.features"),
              children: `${inspection.features}（${Object.entries(inspection.geometryTypes ?? {})
                .map(([type, n]) => `${type} ${n}`)
                .join("，")}）`,
            },
            { key: "crs", label: t("gridImport.crs"), children: inspection.crs ?? "—" },
          ]}
        />
      )}
      <Form<MappingValues> form={form} layout="vertical">
        <div style={{ display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", columnGap: 16 }}>
          {mapField("name", true)}
          {mapField("code")}
          {mapField("kind")}
          {mapField("regionCode")}
          {mapField("villageCodes")}
          <Form.Item name="defaultKind" label={t("gridImport.defaultKind")} rules={[{ required: true }]}>
            <Select options={gridKinds.map((k) => ({ value: k, label: pick(gridKindLabel[k]) }))} />
          </Form.Item>
        </div>
        <Form.Item
          name="region"
          label={t("gridImport.region")}
          extra={t("gridImport.regionHint")}
          rules={[{ required: !mappedRegion, message: t("gridImport.regionRequired") }]}
        >
          <RegionCascader
            maxLevel="village"
            anyLevel
            allowClear
            onChange={() => undefined}
            data-testid="grid-import-region"
          />
        </Form.Item>
        <Form.Item name="crs" label={t("import.crs")}>
          <CrsChoice />
        </Form.Item>
        <Form.Item name="mode" label={t("import.mode")}>
          <ImportModeChoice />
        </Form.Item>
      </Form>
      {inspection && inspection.sample.length > 0 && (
        <Table
          size="small"
          title={() => t("gridImport.sample")}
          rowKey="__row"
          pagination={false}
          scroll={{ x: true }}
          dataSource={inspection.sample.map((r, i) => ({ ...r, __row: i }))}
          columns={inspection.fields.map((f) => ({
            title: f,
            dataIndex: f,
            render: (v: unknown) => (v === null || v === undefined ? "" : String(v)),
          }))}
        />
      )}
    </div>
  );
}
