import { UploadOutlined } from "@ant-design/icons";
import { App as AntApp, Button, Typography, Upload, type UploadFile } from "antd";
import { useState } from "react";
import { uploadEvidence } from "../../api/case-files";
import type { EvidenceView } from "../../api/cases";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

export const evidenceAccept =
  "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf,video/mp4";
const maxBytes = 10 * 1024 * 1024;

interface EvidenceUploadProps {
  value?: EvidenceView[];
  onChange?: (value: EvidenceView[]) => void;
  /** Told while files are still uploading (so the form can wait). */
  onBusyChange?: (busy: boolean) => void;
  "data-testid"?: string;
}

/**
 * Uploads photos and files to POST /evidence as soon as they are chosen; the value is the stored
 * evidence (id + SHA-256) of the files that uploaded, in order. Failed files stay listed in red.
 */
export function EvidenceUpload({ onChange, onBusyChange, ...props }: EvidenceUploadProps) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [files, setFiles] = useState<UploadFile<EvidenceView>[]>([]);

  const changed = (list: UploadFile<EvidenceView>[]) => {
    setFiles(list);
    onBusyChange?.(list.some((f) => f.status === "uploading"));
    onChange?.(list.filter((f) => f.status === "done" && f.response).map((f) => f.response as EvidenceView));
  };

  return (
    <div data-testid={props["data-testid"]}>
      <Upload<EvidenceView>
        multiple
        listType="picture"
        accept={evidenceAccept}
        fileList={files}
        beforeUpload={(file) => {
          if (file.size > maxBytes) {
            message.error(t("evidence.tooLarge", { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={async ({ file, onSuccess, onError }) => {
          try {
            const [stored] = await uploadEvidence([file as File]);
            onSuccess?.(stored);
          } catch (err) {
            const text = errorMessage(err, t);
            message.error(text);
            onError?.(new Error(text));
          }
        }}
        onChange={({ fileList }) =>
          changed(
            fileList.map((f) =>
              f.status === "done" && f.response
                ? { ...f, name: `${f.name} · SHA-256 ${f.response.sha256.slice(0, 12)}…` }
                : f,
            ),
          )
        }
        onRemove={(file) => {
          changed(files.filter((f) => f.uid !== file.uid));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>{t("evidence.upload")}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("evidence.hint")}
      </Typography.Text>
    </div>
  );
}
