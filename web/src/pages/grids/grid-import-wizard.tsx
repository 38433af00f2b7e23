import { InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Descriptions, Form, Modal, Select, Space, Steps, Table, Upload } from "antd";
import { useState } from "react";
import type { Crs } from "../../../../domain/geo/coordinates";
import {
  type GridKind,
  gridKindLabel,
  gridKinds,
  type ImportMode,
} from "../../../../domain/schemas/grid-schemas";
import {
  type GridImportInspection,
  type GridImportMapping,
  type GridImportResult,
  importGrids,
  inspectGridImport,
} from "../../api/grids";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { CrsChoice, ImportModeChoice, ImportResultView } from "../sites/import-parts";

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

const crsOf = (crs: string | null): Crs =>
  crs && /gcj/i.test(crs) ? "GCJ02" : crs && /bd-?09|baidu/i.test(crs) ? "BD09" : "WGS84";

type Values = GridImportMapping & { region?: string; defaultKind: GridKind; crs: Crs; mode: ImportMode };

/** Importing a grid layer (GeoJSON or zipped Shapefile): upload, map the fields, import, see each bad feature. */
export function GridImportWizard(props: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [inspection, setInspection] = useState<GridImportInspection | null>(null);
  const [result, setResult] = useState<GridImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mappedRegion = Form.useWatch("regionCode", form);

  const reset = () => {
    setStep(0);
    setFile(null);
    setInspection(null);
    setResult(null);
    setError(null);
  };
  const close = () => {
    if (result && result.imported > 0) props.onImported();
    reset();
    props.onClose();
  };

  const inspect = async (f: File) => {
    setFile(f);
    setBusy(true);
    setError(null);
    try {
      const res = await inspectGridImport(f);
      setInspection(res);
      form.setFieldsValue({
        ...guessMapping(res.fields),
        defaultKind: "village",
        crs: crsOf(res.crs),
        mode: "all_or_nothing",
      });
      setStep(1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (!file) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const mapping: GridImportMapping = { name: v.name };
      for (const key of ["code", "kind", "regionCode", "villageCodes"] as const)
        if (v[key]) mapping[key] = v[key];
      setResult(
        await importGrids(file, {
          mapping,
          regionCode: v.region,
          defaultKind: v.defaultKind,
          mode: v.mode,
          crs: v.crs,
        }),
      );
      setStep(2);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

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
    <Modal
      open={props.open}
      title={t("gridImport.title")}
      width={820}
      onCancel={close}
      mask={{ closable: false }}
      footer={
        <Space>
          {step === 1 && <Button onClick={reset}>{t("gridImport.back")}</Button>}
          {step === 1 && (
            <Button type="primary" loading={busy} onClick={run} data-testid="grid-import-run">
              {t("gridImport.run")}
            </Button>
          )}
          <Button onClick={close}>{step === 2 ? t("gridImport.done") : t("common.cancel")}</Button>
        </Space>
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t("gridImport.stepFile") },
          { title: t("gridImport.stepMapping") },
          { title: t("gridImport.stepResult") },
        ]}
      />
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />
      )}
      {step === 0 && (
        <Upload.Dragger
          accept=".geojson,.json,.zip"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(f) => {
            inspect(f);
            return false;
          }}
          data-testid="grid-import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{busy ? t("gridImport.reading") : t("gridImport.drop")}</p>
          <p className="ant-upload-hint">{t("gridImport.formats")}</p>
        </Upload.Dragger>
      )}
      <div style={{ display: step === 1 ? "block" : "none" }} data-testid="grid-import-mapping">
        {inspection && (
          <Descriptions
            size="small"
            column={4}
            style={{ marginBottom: 12 }}
            items={[
              { key: "file", label: t("gridImport.file"), children: file?.name },
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
        <Form<Values> form={form} layout="vertical">
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
      {step === 2 && result && (
        <>
          <ImportResultView
            imported={result.imported}
            rejected={result.rejected}
            total={result.features}
            kept={result.mode === "keep_good" || result.rejected === 0}
            errors={result.errors}
            rowLabel={t("gridImport.featureNo")}
          />
          {(result.warnings ?? []).length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t("gridImport.warnings", { n: result.warnings.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 160, overflowY: "auto" }}>
                  {result.warnings.map((w, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id
                    <li key={i}>{w.message}</li>
                  ))}
                </ul>
              }
            />
          )}
        </>
      )}
    </Modal>
  );
}
