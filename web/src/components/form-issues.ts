import type { FormInstance } from "antd";
import type { z } from "zod";
import { ApiError, validationIssues } from "../api/client";

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** The issues of a failed zod parse, with their paths as arrays. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message,
  }));
}

/** Server 422 issues (path "plan.objectives" or an array) as arrays. */
export function serverIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  return validationIssues(err).map((i) => ({
    path: i.path.flatMap<string | number>((p) => (typeof p === "string" ? p.split(".") : [p])),
    message: i.message,
  }));
}

/**
 * Puts issues on the form fields whose name matches the path (or its first segment); returns the
 * messages of the others (as `leftover` words them) so they can be shown above the form.
 */
export function showIssues(
  form: FormInstance,
  issues: FieldIssue[],
  fields: (string | string[])[],
  leftover: (issue: FieldIssue) => string = (issue) => issue.message,
): string[] {
  const names = fields.map((f) => (Array.isArray(f) ? f.join(".") : f));
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const issue of issues) {
    const full = issue.path.join(".");
    const name = names.includes(full)
      ? full
      : names.includes(String(issue.path[0]))
        ? String(issue.path[0])
        : null;
    if (name) byField.set(name, [...(byField.get(name) ?? []), issue.message]);
    else rest.push(leftover(issue));
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name.split("."), errors })));
  return rest;
}
