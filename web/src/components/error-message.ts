import type { FormInstance } from "antd";
import { ApiError, validationIssues } from "../api/client";
import type { MessageParams } from "../i18n/translate";
import { isMessageKey, type MessageKey } from "../i18n/zh";

type T = (key: MessageKey, params?: MessageParams) => string;

/**
 * The text to show for a failed call. Server messages are already in the user's language; with
 * `preferOwn` (login page) our own wording for known codes is used instead.
 */
export function errorMessage(err: unknown, t: T, opts: { preferOwn?: boolean } = {}): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t("error.network");
    const own = `error.${err.code}`;
    if (opts.preferOwn && isMessageKey(own)) return t(own);
    if (err.message && !err.code.startsWith("http_")) return err.message;
    if (isMessageKey(own)) return t(own);
    return err.status >= 500 ? t("error.internal") : t("error.unknown", { status: err.status });
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Puts the field errors of a 422 answer on the form's fields (matched by the first path segment) and
 * returns the messages that belong to no field, so the caller can show them above the form.
 */
export function applyFormErrors(form: FormInstance, err: unknown, fields: string[]): string[] {
  const issues = validationIssues(err);
  const leftover: string[] = [];
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    if (fields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    else leftover.push(issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return leftover;
}
