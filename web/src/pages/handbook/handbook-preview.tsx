import { Typography } from "antd";
import type { HandbookBlock, TextRun } from "../../../../domain/print/handbook-markup";

/** Text runs as React text (bold where marked); never HTML. */
function Runs({ runs }: { runs: TextRun[] }) {
  return (
    <>
      {runs.map((r, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their order
        r.bold ? <strong key={i}>{r.text}</strong> : <span key={i}>{r.text}</span>,
      )}
    </>
  );
}

/** The handbook's own norms as they will read in the PDF (headings, paragraphs, lists, bold). */
export function HandbookPreview({ blocks, empty }: { blocks: HandbookBlock[]; empty: string }) {
  if (!blocks.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <div className="handbook-preview" data-testid="handbook-preview">
      {blocks.map((b, i) => {
        const key = `${b.type}-${i}`;
        if (b.type === "heading")
          return (
            <Typography.Title key={key} level={b.level === 1 ? 4 : 5}>
              <Runs runs={b.runs} />
            </Typography.Title>
          );
        if (b.type === "paragraph")
          return (
            <Typography.Paragraph key={key} style={{ textIndent: "2em" }}>
              <Runs runs={b.runs} />
            </Typography.Paragraph>
          );
        const List = b.ordered ? "ol" : "ul";
        return (
          <List key={key}>
            {b.items.map((item, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity beyond their order
              <li key={j}>
                <Runs runs={item} />
              </li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
