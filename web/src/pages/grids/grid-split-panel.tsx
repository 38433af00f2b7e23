import { Alert, Button, Card, Input, InputNumber, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import type { Areal } from "../../../../domain/geo/geometry";
import { type Grid, splitGrid, splitPreview } from "../../api/grids";
import { errorMessage } from "../../components/error-message";
import { useI18n } from "../../i18n/i18n-context";

/**
 * Splitting a grid: the server proposes N pieces (drawn dashed and numbered on the map), the user names
 * them and confirms. The original is retired and its workers are copied to every piece.
 */
export function GridSplitPanel(props: {
  grid: Grid;
  initialParts?: number;
  onPreview: (pieces: Areal[]) => void;
  onDone: (grids: Grid[]) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { grid, onPreview } = props;
  const [parts, setParts] = useState(Math.max(2, Math.min(20, props.initialParts ?? 2)));
  const [pieces, setPieces] = useState<Areal[] | null>(null);
  const [names, setNames] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => () => onPreview([]), [onPreview]);

  const preview = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await splitPreview(grid.id, parts);
      setPieces(res.pieces);
      setNames(res.pieces.map((_, i) => `${grid.name}${i + 1}`));
      onPreview(res.pieces);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!pieces) return;
    setBusy(true);
    setError(null);
    try {
      const res = await splitGrid(
        grid.id,
        grid.version,
        pieces.map((geometry, i) => ({ name: names[i].trim(), geometry })),
      );
      props.onDone(res.grids);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      className="sg-side-panel"
      title={t("grids.splitTitle", { name: grid.name })}
      extra={
        <Button size="small" type="text" onClick={props.onClose}>
          {t("common.cancel")}
        </Button>
      }
      data-testid="split-panel"
    >
      <Typography.Paragraph type="secondary">{t("grids.splitHint")}</Typography.Paragraph>
      {error != null && (
        <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 8 }} />
      )}
      <Space style={{ marginBottom: 12 }}>
        <span>{t("grids.splitParts")}</span>
        <InputNumber min={2} max={20} value={parts} onChange={(v) => setParts(v ?? 2)} />
        <Button onClick={preview} loading={busy && !pieces} data-testid="split-preview">
          {t("grids.splitPreview")}
        </Button>
      </Space>
      {pieces && (
        <>
          {pieces.map((_, i) => (
            <Input
              // the pieces are positional: piece i is drawn with the number i + 1
              // biome-ignore lint/suspicious/noArrayIndexKey: positional pieces
              key={i}
              prefix={`${i + 1}.`}
              value={names[i]}
              onChange={(e) => setNames((list) => list.map((n, j) => (j === i ? e.target.value : n)))}
              style={{ marginBottom: 6 }}
            />
          ))}
          <Button
            type="primary"
            onClick={confirm}
            data-testid="split-confirm"
            loading={busy}
            disabled={names.some((n) => !n.trim())}
            style={{ marginTop: 6 }}
          >
            {t("grids.splitConfirm", { n: pieces.length })}
          </Button>
        </>
      )}
    </Card>
  );
}
