import { PictureOutlined } from "@ant-design/icons";
import { Space } from "antd";

/**
 * The photos of a record (task record, patrol, checklist answer), each a link that opens the file in a new
 * tab. The server lets whoever reads the record open them (GET /evidence/:id); numbered, as a record's photos
 * have no names worth showing.
 */
export function PhotoLinks({ ids, label = "照片" }: { ids: readonly string[]; label?: string }) {
  if (ids.length === 0) return <span>—</span>;
  return (
    <Space size={4} wrap>
      {ids.map((id, i) => (
        <a
          key={id}
          href={`/api/v1/evidence/${encodeURIComponent(id)}`}
          target="_blank"
          rel="noreferrer"
          data-testid="record-photo"
        >
          <PictureOutlined /> {label}
          {ids.length > 1 ? i + 1 : ""}
        </a>
      ))}
    </Space>
  );
}
