import { useState } from "react";
import { PhotoInput } from "../components/photo-input";
import { SignaturePad } from "../components/signature-pad";
import { Button, Field, SubmitFooter } from "../components/ui";
import { usePosition } from "../hooks/use-position";
import { t } from "../i18n/i18n";
import { enqueue } from "../outbox/outbox";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { isQuotaError, quotaText } from "../store/db";

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
      return setError(proof === "photo" ? t("delivery.needPhoto") : t("delivery.needSignature"));
    if (outcome === "refused" && !reason.trim()) return setError(t("delivery.needReason"));
    setSaving(true);
    try {
      const where = position ?? (await locate());
      await enqueue({
        kind: "delivery-record",
        label: t(outcome === "delivered" ? "delivery.labelDelivered" : "delivery.labelRefused", {
          site: site.siteName,
        }),
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
      setError(isQuotaError(err) ? quotaText() : t("common.saveFailed", { error: String(err) }));
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
          {t("delivery.delivered")}
        </Button>
        <Button
          kind={outcome === "refused" ? "danger" : "default"}
          onClick={() => setOutcome("refused")}
          data-testid="delivery-outcome-refused"
        >
          {t("delivery.refused")}
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
              {t("delivery.photo")}
            </button>
            <button
              type="button"
              className={`chip${proof === "signature" ? " chip-on" : ""}`}
              onClick={() => setProof("signature")}
              data-testid="delivery-proof-signature"
            >
              {t("delivery.signature")}
            </button>
          </div>
          {proof === "photo" ? (
            <Field label={t("delivery.photoField")}>
              <PhotoInput value={photos} onChange={setPhotos} max={3} testId="delivery-photos" />
            </Field>
          ) : (
            <Field label={t("delivery.signatureField")}>
              <SignaturePad onDone={setSignature} />
            </Field>
          )}
        </>
      ) : (
        <Field label={t("delivery.reason")}>
          <textarea
            className="input"
            rows={3}
            value={reason}
            placeholder={t("delivery.reasonPlaceholder")}
            onChange={(e) => setReason(e.target.value)}
            data-testid="delivery-reason"
          />
        </Field>
      )}
      <div className="row-sub">
        {position
          ? t("common.located", { m: Math.round(position.accuracy ?? 0) })
          : busy
            ? t("common.locating")
            : (gpsError ?? t("delivery.locateOnSubmit"))}
      </div>
      <SubmitFooter
        name="delivery-record"
        error={error}
        saving={saving}
        label={t("delivery.save")}
        onSubmit={() => void submit()}
      />
    </div>
  );
}
