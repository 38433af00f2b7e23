import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App as AntApp, Button, Form, Input, Modal } from "antd";
import { useState } from "react";
import {
  type DataExportKind,
  dataExports,
  exportNeedsReason,
  exportReasonMax,
  exportReasonMin,
} from "../../../domain/classification/data-exports";
import { useI18n } from "../i18n/i18n-context";
import { errorMessage } from "./error-message";

interface ExportButtonProps {
  kind: DataExportKind;
  /** Downloads the file; `reason` is set when the export holds personal data (R21). */
  download: (reason: string | undefined) => Promise<void>;
  label: string;
  testId: string;
  disabled?: boolean;
}

/**
 * An export button. When the export holds personal or sensitive fields it first asks for the reason in a
 * dialog (the server refuses such an export without one and records it in the trail).
 */
export function ExportButton({ kind, download, label, testId, disabled }: ExportButtonProps) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [asking, setAsking] = useState(false);
  const [running, setRunning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const needsReason = exportNeedsReason(kind);

  const run = async (reason: string | undefined) => {
    setRunning(true);
    try {
      await download(reason);
      setAsking(false);
      form.resetFields();
      if (reason) message.success(t("exportReason.done"));
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        loading={running && !asking}
        disabled={disabled}
        onClick={() => (needsReason ? setAsking(true) : run(undefined))}
        data-testid={testId}
      >
        {label}
      </Button>
      {needsReason && (
        <Modal
          open={asking}
          title={t("exportReason.title")}
          okText={t("exportReason.ok")}
          cancelText={t("common.cancel")}
          confirmLoading={running}
          onCancel={() => setAsking(false)}
          onOk={() => form.submit()}
          destroyOnHidden
          okButtonProps={{ "data-testid": "export-reason-ok" } as Record<`data-${string}`, string>}
        >
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("exportReason.notice", { label: pick(dataExports[kind].label) })}
          />
          <Form form={form} layout="vertical" onFinish={(v) => run(v.reason.trim())}>
            <Form.Item
              name="reason"
              label={t("exportReason.label")}
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    if ([...(v ?? "").trim()].length < exportReasonMin)
                      throw new Error(t("exportReason.tooShort", { n: exportReasonMin }));
                  },
                },
              ]}
            >
              <Input.TextArea
                rows={3}
                maxLength={exportReasonMax}
                showCount
                placeholder={t("exportReason.placeholder")}
                data-testid="export-reason"
              />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
