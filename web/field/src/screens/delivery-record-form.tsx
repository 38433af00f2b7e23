import { useState } from "react";
import { PhotoInput } from "../components/photo-input";
import { SignaturePad } from "../components/signature-pad";
import { Button, Field, Notice } from "../components/ui";
import { usePosition } from "../hooks/use-position";
import { enqueue } from "../outbox/outbox";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { isQuotaError, quotaMessage } from "../store/db";

/**
 * Record one site of a delivery: delivered (a photo of the handover, or the recipient signs on the screen)
 * or refused with the reason. Goes into the outbox with the phone's time and position; sent when online.
 */
export function DeliveryRecordForm({
  deliveryId,
  site,
  onDone,
}: {
  deliveryId: string;
  site: { siteId: string; siteName: string };
  onDone: () => void;
}) {
  const [outcome, setOutcome] = useState<"delivered" | "refused">("delivered");
  const [proof, setProof] = useState<"photo" | "signature">("photo");
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [signature, setSignature] = useState<PreparedPhoto>();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const { position, locate, busy, error: gpsError } = usePosition();

  const files = outcome === "refused" ? [] : proof === "photo" ? photos : signature ? [signature] : [];
  const submit = async () => {
    setError(undefined);
    if (outcome === "delivered" && files.length === 0)
      return setError(proof === "photo" ? "请拍摄送达现场照片" : "请对方在屏幕上签名并确认");
    if (outcome === "refused" && !reason.trim()) return setError("请填写拒收原因");
    setSaving(true);
    try {
      const where = position ?? (await locate());
      await enqueue({
        kind: "delivery-record",
        label: `${outcome === "delivered" ? "送达" : "拒收"}：${site.siteName}`,
        url: `/deliveries/${deliveryId}/records`,
        body: {
          siteId: site.siteId,
          outcome,
          ...(outcome === "refused" ? { reason: reason.trim() } : {}),
          at: new Date().toISOString(),
          ...(where ? { location: where } : {}),
        },
        files,
      });
      onDone();
    } catch (err) {
      setError(isQuotaError(err) ? quotaMessage : `未能保存：${String(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="form" data-testid="delivery-record-form">
      <div className="segmented">
        <Button
          kind={outcome === "delivered" ? "primary" : "default"}
          onClick={() => setOutcome("delivered")}
          data-testid="delivery-outcome-delivered"
        >
          已送达
        </Button>
        <Button
          kind={outcome === "refused" ? "danger" : "default"}
          onClick={() => setOutcome("refused")}
          data-testid="delivery-outcome-refused"
        >
          拒收
        </Button>
      </div>
      {outcome === "delivered" ? (
        <>
          <div className="chips">
            <button
              type="button"
              className={`chip${proof === "photo" ? " chip-on" : ""}`}
              onClick={() => setProof("photo")}
              data-testid="delivery-proof-photo"
            >
              拍照
            </button>
            <button
              type="button"
              className={`chip${proof === "signature" ? " chip-on" : ""}`}
              onClick={() => setProof("signature")}
              data-testid="delivery-proof-signature"
            >
              屏幕签名
            </button>
          </div>
          {proof === "photo" ? (
            <Field label="送达现场照片">
              <PhotoInput value={photos} onChange={setPhotos} max={3} testId="delivery-photos" />
            </Field>
          ) : (
            <Field label="签收人签名">
              <SignaturePad onDone={setSignature} />
            </Field>
          )}
        </>
      ) : (
        <Field label="拒收原因">
          <textarea
            className="input"
            rows={3}
            value={reason}
            placeholder="如：负责人不在、拒绝签字"
            onChange={(e) => setReason(e.target.value)}
            data-testid="delivery-reason"
          />
        </Field>
      )}
      <div className="row-sub">
        {position
          ? `已定位，精度约 ${Math.round(position.accuracy ?? 0)} 米`
          : busy
            ? "正在定位…"
            : (gpsError ?? "提交时自动定位")}
      </div>
      {error ? (
        <Notice kind="error" testId="delivery-record-error">
          {error}
        </Notice>
      ) : null}
      <Button block onClick={() => void submit()} disabled={saving} data-testid="delivery-record-submit">
        {saving ? "正在保存…" : "保存（无网络时先存在手机上）"}
      </Button>
    </div>
  );
}
