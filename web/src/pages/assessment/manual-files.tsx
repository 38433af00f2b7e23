import { FileImageOutlined, FileOutlined, FilePdfOutlined, VideoCameraOutlined } from "@ant-design/icons";
import { Space, Tooltip, Typography } from "antd";
import type { ResultFile } from "../../../../domain/assessment/my-result";
import { useI18n } from "../../i18n/i18n-context";

const iconOf = (mime: string) =>
  mime === "application/pdf" ? (
    <FilePdfOutlined />
  ) : mime.startsWith("image/") ? (
    <FileImageOutlined />
  ) : mime.startsWith("video/") ? (
    <VideoCameraOutlined />
  ) : (
    <FileOutlined />
  );

/**
 * A manual item's 佐证材料: each file by name, a link that opens it in a new tab (the server lets whoever
 * reads the result open it), its size and SHA-256 on hover.
 */
export function ManualFiles({ files, testId }: { files: readonly ResultFile[]; testId?: string }) {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <Space size={[12, 4]} wrap data-testid={testId} style={{ maxWidth: "100%" }}>
      <Typography.Text type="secondary">{t("assess.files")}：</Typography.Text>
      {files.map((f) => (
        <Tooltip key={f.id} title={`${(f.size / 1024).toFixed(0)} KB · SHA-256 ${f.sha256}`}>
          <a
            href={f.url}
            target="_blank"
            rel="noreferrer"
            data-testid="manual-file"
            style={{ wordBreak: "break-all" }}
          >
            {iconOf(f.mimeType)} {f.fileName}
          </a>
        </Tooltip>
      ))}
    </Space>
  );
}
