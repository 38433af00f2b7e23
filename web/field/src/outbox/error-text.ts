import type { ApiError } from "../api/http";
import { t } from "../i18n/i18n";

/** Why an item was not sent, in plain words for the worker (Chinese or English) (the server's own message when it has one). */
export function explainFailure(err: ApiError): string {
  if (err.network) return t("outbox.err.network");
  if (err.status === 429 || err.status === 503) return t("outbox.err.busy");
  if (err.status >= 500) return t("outbox.err.server");
  if (err.code === "storage_full") return t("outbox.err.storageFull");
  if (/site/.test(err.code) || /场所不存在|场所已|site/i.test(err.message))
    return t("outbox.err.site", { message: err.message });
  if (err.status === 403) return t("outbox.err.forbidden", { message: err.message });
  if (err.status === 404) return t("outbox.err.notFound", { message: err.message });
  if (err.code === "idempotency_key_reused" || err.code === "idempotency_conflict")
    return t("outbox.err.duplicate");
  return t("outbox.err.other", { message: err.message, code: err.code });
}
