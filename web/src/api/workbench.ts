import type { CaseQueue } from "./cases";
import { api } from "./client";

/** GET /workbench (issue 13.1). */
export interface WorkbenchCount {
  key: string;
  label: string;
  filter: { queue: CaseQueue; deadlineState?: "due_soon" };
  count: number;
}

export interface Workbench {
  cases: WorkbenchCount[];
  /** Field-app counts (patrols, deliveries), present only for roles that have those lists. */
  field: { key: string; label: string; count: number; href: string }[];
  /** An expert's engagement work (sites to assess, cases to guide, ending soon), linking to 我的委托 filtered. */
  engaged: { key: string; label: string; count: number; href: string }[];
  unread: number;
  month: { label: string; reported: number; closed: number; overdue: number; overdueRate: number | null };
  activity: {
    id: number;
    at: string;
    action: string;
    label: string;
    subjectType: string;
    subjectId: string;
    caseNumber: string | null;
  }[];
  serverTime: string;
}

export const fetchWorkbench = () => api.get<Workbench>("/workbench");
