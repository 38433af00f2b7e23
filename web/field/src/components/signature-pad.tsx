import { useEffect, useRef, useState } from "react";
import { t } from "../i18n/i18n";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { sha256Hex } from "../photos/prepare-photo";
import { Button } from "./ui";

const width = 600;
const height = 260;

/**
 * An on-screen signature: the recipient signs with a finger; "确认签名" turns the strokes into a PNG (white
 * background), hashed like a photo, so it goes through the outbox as evidence.
 */
export function SignaturePad({
  onDone,
  testId = "signature-pad",
}: {
  onDone: (png: PreparedPhoto | undefined) => void;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [strokes, setStrokes] = useState(0);
  const [saved, setSaved] = useState(false);

  const clear = () => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    setStrokes(0);
    setSaved(false);
    onDone(undefined);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: paint the white background once
  useEffect(clear, []);

  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * width, y: ((e.clientY - r.top) / r.height) * height };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx || saved) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = at(e);
    ctx.strokeStyle = "#111";
    ctx.lineWidth = 4;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext("2d");
    const p = at(e);
    ctx?.lineTo(p.x, p.y);
    ctx?.stroke();
  };
  const up = () => {
    if (drawing.current) setStrokes((n) => n + 1);
    drawing.current = false;
  };
  const confirm = async () => {
    const blob = await new Promise<Blob | null>((resolve) => canvas.current?.toBlob(resolve, "image/png"));
    if (!blob) return;
    setSaved(true);
    onDone({
      blob,
      name: t("signature.fileName"),
      sha256: await sha256Hex(blob),
      width,
      height,
      originalBytes: blob.size,
    });
  };

  return (
    <div data-testid={testId}>
      <canvas
        ref={canvas}
        width={width}
        height={height}
        className="signature"
        style={{
          width: "100%",
          aspectRatio: `${width} / ${height}`,
          touchAction: "none",
          border: "1px dashed #bbb",
          borderRadius: 8,
          background: "#fff",
        }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        data-testid={`${testId}-canvas`}
      />
      <div className="row-buttons">
        <Button kind="default" onClick={clear} data-testid={`${testId}-clear`}>
          {t("signature.clear")}
        </Button>
        <Button onClick={() => void confirm()} disabled={strokes === 0 || saved} data-testid={`${testId}-ok`}>
          {saved ? t("signature.confirmed") : t("signature.confirm")}
        </Button>
      </div>
    </div>
  );
}
