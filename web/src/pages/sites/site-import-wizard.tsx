import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Modal, Space, Steps, Typography, Upload } from "antd";
import { useState } from "react";
import type { Crs } from "../../../../domain/geo/coordinates";
import type { ImportMode } from "../../../../domain/schemas/grid-schemas";
import { ApiError } from "../../api/client";
import {
  downloadSiteTemplate,
  importSites,
  previewSiteImport,
  type RowError,
  type SiteImportPreview,
  type SiteImportResult,
} from "../../api/sites";
import { errorMessage } from "../../components/error-message";
import { RegionCascader } from "../../components/region-cascader";
import { useI18n } from "../../i18n/i18n-context";
import { CrsChoice, ImportModeChoice, ImportResultView, RowErrorTable } from "./import-parts";
import { SiteImportMappingStep } from "./site-import-mapping-step";

type Values = { crs: Crs; mode: ImportMode; region?: string };
type Answers = {
  sheet?: string;
  mapping: Record<string, string>;
  constants: Record<string, string>;
  industries: Record<string, string>;
};
const noAnswers: Answers = { mapping: {}, constants: {}, industries: {} };

/** File-level problems of a refused file (422 import_failed → details.fileErrors). */
const fileErrorsOf = (err: unknown): RowError[] => {
  if (!(err instanceof ApiError)) return [];
  const list = (err.details as { fileErrors?: unknown } | undefined)?.fileErrors;
  return Array.isArray(list) ? (list as RowError[]) : [];
};

/**
 * Importing sites from Excel (.xlsx) or CSV in the layout users keep: download the template, choose the
 * file, its coordinate system and the mode (全部成功才导入 / 导入有效行); then the mapping step (the header
 * row found, each column's field to confirm or correct, constants, unmatched 行业类别 texts answered once —
 * all remembered for the county's next file); then see every bad row.
 */
export function SiteImportWizard(props: {
  open: boolean;
  defaultRegion?: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<SiteImportResult | null>(null);
  const [preview, setPreview] = useState<SiteImportPreview | null>(null);
  const [answers, setAnswers] = useState<Answers>(noAnswers);
  const [fileErrors, setFileErrors] = useState<RowError[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    if (result && result.imported > 0) props.onImported();
    setFile(null);
    setResult(null);
    setPreview(null);
    setAnswers(noAnswers);
    setFileErrors([]);
    setError(null);
    props.onClose();
  };

  /** The answers to send: every column's field as shown (suggested or corrected), empty values left out. */
  const sent = (p: SiteImportPreview, a: Answers) => ({
    sheet: a.sheet,
    mapping: p.needsSheet
      ? undefined
      : Object.fromEntries(p.columns.map((c) => [c.header, a.mapping[c.header] ?? c.field ?? ""])),
    constants: Object.fromEntries(Object.entries(a.constants).filter(([, v]) => v.trim() !== "")),
    industries: Object.fromEntries(Object.entries(a.industries).filter(([, v]) => v !== "")),
  });

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setFileErrors([]);
    try {
      await work();
    } catch (err) {
      setError(err);
      setFileErrors(fileErrorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  /** Reads the file (again, with the answers so far): sheet, header row, columns, unmatched industries. */
  const check = (a: Answers | null) =>
    attempt(async () => {
      if (!file) return;
      const region = form.getFieldValue("region") as string | undefined;
      const p = await previewSiteImport(file, { region, ...(a && preview ? sent(preview, a) : {}) });
      setPreview(p);
      setAnswers({
        sheet: a?.sheet ?? p.sheet ?? undefined,
        mapping: a?.mapping ?? {},
        constants: { ...p.constants, ...a?.constants },
        industries: { ...p.industries, ...a?.industries },
      });
    });

  const run = () =>
    attempt(async () => {
      if (!file || !preview) return;
      const v = form.getFieldsValue();
      try {
        setResult(
          await importSites(file, { mode: v.mode, crs: v.crs, region: v.region, ...sent(preview, answers) }),
        );
      } catch (err) {
        // texts nobody could match yet: show them in the mapping step to be answered
        if (fileErrorsOf(err).some((e) => e.code === "unmatched_industries")) await check(answers);
        throw err;
      }
    });

  const template = async () => {
    try {
      await downloadSiteTemplate();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t("siteImport.title")}
      width={860}
      onCancel={close}
      mask={{ closable: false }}
      footer={
        <Space>
          {result && (
            <Button
              onClick={() => {
                setResult(null);
                setPreview(null);
                setAnswers(noAnswers);
                setFile(null);
              }}
            >
              {t("siteImport.another")}
            </Button>
          )}
          {!result && preview && (
            <>
              <Button onClick={() => setPreview(null)} data-testid="site-import-back">
                {t("siteMapping.back")}
              </Button>
              <Button loading={busy} onClick={() => check(answers)} data-testid="site-import-recheck">
                {t("siteMapping.recheck")}
              </Button>
            </>
          )}
          {!result && !preview && (
            <Button
              type="primary"
              disabled={!file}
              loading={busy}
              onClick={() => check(null)}
              data-testid="site-import-next"
            >
              {t("siteMapping.next")}
            </Button>
          )}
          {!result && preview && (
            <Button
              type="primary"
              disabled={preview.needsSheet && !answers.sheet}
              loading={busy}
              onClick={run}
              data-testid="site-import-run"
            >
              {t("siteImport.run")}
            </Button>
          )}
          <Button onClick={close} data-testid="site-import-close">
            {result ? t("gridImport.done") : t("common.cancel")}
          </Button>
        </Space>
      }
    >
      <Steps
        size="small"
        current={result ? 2 : preview ? 1 : 0}
        style={{ marginBottom: 20 }}
        items={[
          { title: t("siteImport.stepFile") },
          { title: t("siteMapping.step") },
          { title: t("siteImport.stepResult") },
        ]}
      />
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 12 }} />
      )}
      {fileErrors.length > 0 && <RowErrorTable errors={fileErrors} testId="import-file-errors" />}
      {!result && preview && (
        <SiteImportMappingStep
          preview={preview}
          answers={answers}
          onChange={(a) => {
            setAnswers(a);
            // another sheet: read it
            if (a.sheet !== answers.sheet) void check(a);
          }}
        />
      )}
      <div style={{ display: !result && !preview ? undefined : "none" }}>
        {!result && (
          <>
            <Space style={{ marginBottom: 12 }} wrap>
              <Button icon={<DownloadOutlined />} onClick={template} data-testid="site-template">
                {t("siteImport.template")}
              </Button>
              <Typography.Text type="secondary">{t("siteImport.templateHint")}</Typography.Text>
            </Space>
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                setError(null);
                setFileErrors([]);
                return false;
              }}
              data-testid="site-import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{file ? file.name : t("siteImport.drop")}</p>
              <p className="ant-upload-hint">{t("siteImport.formats")}</p>
            </Upload.Dragger>
            <Form<Values>
              form={form}
              layout="vertical"
              style={{ marginTop: 16 }}
              initialValues={{ crs: "WGS84", mode: "all_or_nothing", region: props.defaultRegion }}
            >
              <Form.Item name="crs" label={t("import.crs")} extra={t("siteImport.crsHint")}>
                <CrsChoice />
              </Form.Item>
              <Form.Item name="mode" label={t("import.mode")} extra={t("siteImport.modeHint")}>
                <ImportModeChoice />
              </Form.Item>
              <Form.Item name="region" label={t("siteImport.region")} extra={t("siteImport.regionHint")}>
                <RegionCascader maxLevel="village" anyLevel allowClear onChange={() => undefined} />
              </Form.Item>
            </Form>
          </>
        )}
      </div>
      {result && (
        <>
          {(result.warnings ?? []).length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title={t("siteImport.warnings")}
              description={(result.warnings ?? []).map((w) => w.message).join("；")}
            />
          )}
          <ImportResultView
            imported={result.imported}
            rejected={result.rejected}
            total={result.rows}
            kept={result.kept}
            errors={result.errors ?? []}
            errorCount={result.errorCount}
          />
        </>
      )}
    </Modal>
  );
}
