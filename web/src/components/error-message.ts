import type { FormInstance } from "antd";
import { ApiError } from "../api/client";
import type { MessageParams } from "../i18n/translate";
import { isMessageKey, type MessageKey } from "../i18n/zh";
import { serverIssues, showIssues } from "./form-issues";

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
 * returns the messages that belong to no field, with their path, to show above the form.
 */
export function applyFormErrors(form: FormInstance, err: unknown, fields: string[]): string[] {
  return showIssues(form, serverIssues(err), fields, (issue) =>
    issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
  );
}
