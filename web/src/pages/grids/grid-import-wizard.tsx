import { InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Modal, Space, Steps, Upload } from "antd";
import { useState } from "react";
import {
  type GridImportInspection,
  type GridImportMapping,
  type GridImportResult,
  importGrids,
  inspectGridImport,
} from "../../api/grids";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";
import { ImportResultView } from "../sites/import-parts";
import { crsOf, GridImportMappingStep, guessMapping, type MappingValues } from "./grid-import-mapping-step";

/** Importing a grid layer (GeoJSON or zipped Shapefile): upload, map the fields, import, see each bad feature. */
export function GridImportWizard(props: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<MappingValues>();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [inspection, setInspection] = useState<GridImportInspection | null>(null);
  const [result, setResult] = useState<GridImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

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
    let v: MappingValues;
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
      <GridImportMappingStep visible={step === 1} form={form} fileName={file?.name} inspection={inspection} />
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
