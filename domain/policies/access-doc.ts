import { type Role, roleLabel, roleScopeLength, roles } from "../auth/roles";
import { accessTable } from "./access-table";
import { describe, residual, type Term } from "./policy-term";

const resourceLabel: Record<string, string> = {
  region: "行政区划 Regions",
  department: "部门 Departments",
  routingRule: "分派规则 Routing rules",
  grid: "网格 Grids",
  gridWorker: "网格人员 Grid staff",
  site: "监管对象 Sites",
  case: "案件 Cases",
  evidence: "证据 Evidence",
  notification: "通知 Notifications",
  webhook: "Webhook",
  user: "账号 Users",
  trail: "留痕 Trail",
  category: "案件类别 Categories",
  countySetting: "县区设置 County settings",
  deadlineRule: "办理时限 Deadline rules",
};

/** An account of the role, at the region level its scope is normally drawn at. */
const typical = (role: Role) => ({ role, scope: ["620123100001".slice(0, roleScopeLength[role][0])] });

/** `docs/access.md`, rendered from the access table (`npm run docs:access` writes it; a test keeps it fresh). */
export function renderAccessDoc(): string {
  const out = [
    "# 访问控制矩阵 Access matrix",
    "",
    "<!-- Generated from domain/policies/access-table.ts by `npm run docs:access`. Do not edit by hand. -->",
    "",
    "Who may do what, per resource × action × role. A cell is what is left of the rule once the role is known:",
    "✓ every row, — never (the route answers 403), otherwise the condition on the row (a row that fails it",
    "answers 404 when the actor may not read it, 403 when they may read but not act). *in scope* means the",
    "row's region (or grid code) lies in the account's scope; *within or above scope* that it lies in the scope",
    "or is a region containing it; *own* that the row names the account (reporter, uploader, recipient) or its",
    "department. Roles are shown at their usual scope level. Separation of duties (三员分立): the system,",
    "security and audit administrators read no business data; the audit administrator reads the trail only.",
    "",
  ];
  const header = `| action | ${roles.map((r) => roleLabel[r].zh).join(" | ")} |`;
  const rule = `|---|${roles.map(() => "---").join("|")}|`;
  for (const [resource, actions] of Object.entries(accessTable)) {
    out.push(`## ${resourceLabel[resource] ?? resource} (\`${resource}\`)`, "", header, rule);
    for (const [action, term] of Object.entries(actions as Record<string, Term>)) {
      const cells = roles.map((r) => describe(residual(term, typical(r))).replace(/\|/g, "\\|"));
      out.push(`| ${action} | ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
