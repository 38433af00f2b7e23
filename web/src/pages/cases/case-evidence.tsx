import { FileOutlined, FilePdfOutlined, VideoCameraOutlined } from "@ant-design/icons";
import { Empty, Image, Tooltip, Typography } from "antd";
import type { EvidenceView } from "../../api/cases";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

const fileIcon = (mime: string) =>
  mime === "application/pdf" ? (
    <FilePdfOutlined />
  ) : mime.startsWith("video/") ? (
    <VideoCameraOutlined />
  ) : (
    <FileOutlined />
  );

/** Photos (with preview) and files of the case, each with its SHA-256 and upload time. */
export function CaseEvidence({ items }: { items: EvidenceView[] }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <Empty description={t("evidence.none")} />;
  return (
    <Image.PreviewGroup>
      <div className="case-evidence-grid" data-testid="case-evidence">
        {items.map((e) => (
          <div key={e.id} className="case-evidence-item">
            {e.mimeType.startsWith("image/") && !/heic|heif/.test(e.mimeType) ? (
              <Image src={e.url} alt={e.fileName} />
            ) : (
              <a href={e.url} target="_blank" rel="noreferrer" className="case-evidence-file">
                {fileIcon(e.mimeType)}
              </a>
            )}
            <div className="case-evidence-name" title={e.fileName}>
              <a href={e.url} target="_blank" rel="noreferrer">
                {e.fileName}
              </a>
            </div>
            <Tooltip title={e.sha256}>
              <div className="case-hash">SHA-256 {e.sha256.slice(0, 16)}…</div>
            </Tooltip>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.uploadedAt, lang)} · {(e.size / 1024).toFixed(0)} KB
            </Typography.Text>
          </div>
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
