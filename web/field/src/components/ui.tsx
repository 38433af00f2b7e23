import type { ButtonHTMLAttributes, ReactNode } from "react";
import { t } from "../i18n/i18n";

export function Button({
  kind = "primary",
  block,
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: "primary" | "default" | "danger"; block?: boolean }) {
  return (
    <button
      type="button"
      {...rest}
      className={`btn btn-${kind}${block ? " btn-block" : ""} ${className ?? ""}`}
    />
  );
}

export function Card({
  children,
  onClick,
  testId,
}: {
  children: ReactNode;
  onClick?: () => void;
  testId?: string;
}) {
  return (
    <div className={`card${onClick ? " card-tap" : ""}`} onClick={onClick} data-testid={testId}>
      {children}
    </div>
  );
}

export function Notice({
  kind = "info",
  children,
  testId,
}: {
  kind?: "info" | "warn" | "error" | "ok";
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className={`notice notice-${kind}`}
      role={kind === "error" ? "alert" : "status"}
      data-testid={testId}
    >
      {children}
    </div>
  );
}

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="field">
      <div className="field-label">{label}</div>
      {children}
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

/**
 * The end of a form: what went wrong (if anything) and the submit button, which reads "saving…" while it
 * saves. Test ids `<name>-error` and `<name>-submit`.
 */
export function SubmitFooter({
  name,
  error,
  saving,
  disabled,
  label,
  onSubmit,
}: {
  name: string;
  error: ReactNode;
  saving: boolean;
  disabled?: boolean;
  label: string;
  onSubmit: () => void;
}) {
  return (
    <>
      {error ? (
        <Notice kind="error" testId={`${name}-error`}>
          {error}
        </Notice>
      ) : null}
      <Button block onClick={onSubmit} disabled={saving || disabled} data-testid={`${name}-submit`}>
        {saving ? t("common.saving") : label}
      </Button>
    </>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

const shanghai = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
/** A time shown in Asia/Shanghai, e.g. "12/05 09:30". */
export const formatTime = (iso: string | undefined) => (iso ? shanghai.format(new Date(iso)) : "");
