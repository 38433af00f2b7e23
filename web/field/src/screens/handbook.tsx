import type { HandbookBlock, TextRun } from "../../../../domain/print/handbook-markup";
import { Card, Empty, formatTime, Notice } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { t } from "../i18n/i18n";
import { useSession } from "../session/session";

interface HandbookView {
  regionName: string;
  current: { version: number; title: string; blocks: HandbookBlock[]; createdAt: string } | null;
}

function Runs({ runs }: { runs: TextRun[] }) {
  return (
    <>
      {runs.map((r, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity but their place
        r.bold ? <strong key={i}>{r.text}</strong> : <span key={i}>{r.text}</span>,
      )}
    </>
  );
}

function Block({ block }: { block: HandbookBlock }) {
  if (block.type === "heading")
    return block.level === 1 ? (
      <h2 className="hb-h1">
        <Runs runs={block.runs} />
      </h2>
    ) : (
      <h3 className="hb-h2">
        <Runs runs={block.runs} />
      </h3>
    );
  if (block.type === "paragraph")
    return (
      <p className="hb-p">
        <Runs runs={block.runs} />
      </p>
    );
  const items = block.items.map((runs, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: list items are known by their place
    <li key={i}>
      <Runs runs={runs} />
    </li>
  ));
  return block.ordered ? <ol className="hb-list">{items}</ol> : <ul className="hb-list">{items}</ul>;
}

/**
 * The grid handbook (网格手册, R10) of my township, else my county: the locality's own norms as the lead
 * department wrote them (the PDF adds the generated chapters). Kept on the phone after the first load, so it
 * reads offline (issue 9 item 9); text runs only, never HTML.
 */
export function Handbook() {
  const { session } = useSession();
  const scope = session?.user.scope[0] ?? "";
  const township = useCachedList<HandbookView>("handbook-township", `/handbooks/${scope.slice(0, 9)}`);
  const county = useCachedList<HandbookView>("handbook-county", `/handbooks/${scope.slice(0, 6)}`);
  const book = township.data?.current ? township : county;
  const current = book.data?.current;
  if (!current)
    return (
      <div className="screen">
        {township.status === "loading" || county.status === "loading" ? (
          <Notice kind="info">{t("common.reading")}</Notice>
        ) : (
          <Empty>{t("handbook.none")}</Empty>
        )}
      </div>
    );
  return (
    <div className="screen handbook" data-testid="field-handbook">
      <Card>
        <div className="row-title">{current.title}</div>
        <div className="row-sub">
          {book.data?.regionName} · {t("handbook.version", { n: current.version })} ·{" "}
          {formatTime(current.createdAt)}
          {book.status === "cached" ? t("handbook.offline") : ""}
        </div>
      </Card>
      <Card>
        {current.blocks.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are known by their place in the version
          <Block key={i} block={b} />
        ))}
      </Card>
    </div>
  );
}
