import type { Dayjs } from "dayjs";
import type { CaseAction, GeoPoint } from "../../../../domain/case/case-types";
import type { EvidenceView } from "../../api/cases";

/** What the action dialogs collect (each action uses some of these). */
export interface ActionValues {
  type?: string;
  category?: string;
  reason?: string;
  note?: string;
  departmentId?: string;
  suggestedDepartmentId?: string;
  handlerId?: string;
  targetCaseId?: string;
  targetNumber?: string;
  result?: "fixed" | "partial";
  passed?: "pass" | "fail";
  location?: GeoPoint;
  evidence?: EvidenceView[];
  until?: Dayjs | null;
  experts?: string;
  plan?: {
    objectives?: string;
    measures?: string;
    fundsMaterials?: string;
    responsiblePeople?: string;
    timeLimit?: Dayjs | null;
    safetyMeasures?: string;
  };
}

/** The body fields each action sends (besides its idempotency key), in the order of the API contract. */
export const actionFields: Record<CaseAction, (keyof ActionValues | "evidenceIds")[]> = {
  triage: ["type", "category", "suggestedDepartmentId", "note"],
  reject: ["reason"],
  merge: ["targetCaseId", "note"],
  dispatch: ["departmentId", "note"],
  accept: ["handlerId", "note"],
  return: ["reason", "suggestedDepartmentId"],
  forward: ["departmentId", "reason"],
  submit_plan: ["plan"],
  feedback: ["result", "note", "evidenceIds", "location"],
  request_park: ["reason", "until"],
  approve_park: ["note"],
  deny_park: ["reason"],
  resume: ["note"],
  recheck: ["passed", "note", "location", "evidenceIds"],
  accept_onsite: ["passed", "note", "location", "evidenceIds", "experts"],
  close: ["note"],
  reopen: ["reason"],
  escalate: ["reason"],
};

/** Fields that may be left out when empty (the rest are sent as typed, so the schema reports them). */
const optional = new Set(["note", "suggestedDepartmentId", "handlerId", "until", "experts", "location"]);
/** Notes that the schema defaults to "" but requires in some cases (failed re-check, partial fix). */
const keepEmpty: Partial<Record<CaseAction, string[]>> = {
  feedback: ["note"],
  recheck: ["note"],
  accept_onsite: ["note"],
};

const date = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : undefined);
const text = (s: string | undefined) => (s ?? "").trim();

/** Builds the request body of an action from the dialog's values. */
export function actionBody(action: CaseAction, values: ActionValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of actionFields[action]) {
    let value: unknown;
    switch (field) {
      case "evidenceIds":
        value = (values.evidence ?? []).map((e) => e.id);
        break;
      case "passed":
        value = values.passed === undefined ? undefined : values.passed === "pass";
        break;
      case "until":
        value = date(values.until);
        break;
      case "location":
        value =
          values.location && (values.location.lng != null || values.location.lat != null)
            ? values.location
            : undefined;
        break;
      case "plan": {
        const p = values.plan ?? {};
        value = {
          objectives: text(p.objectives),
          measures: text(p.measures),
          fundsMaterials: text(p.fundsMaterials),
          responsiblePeople: text(p.responsiblePeople),
          timeLimit: date(p.timeLimit) ?? "",
          safetyMeasures: text(p.safetyMeasures),
        };
        break;
      }
      case "result":
      case "type":
      case "category":
      case "departmentId":
      case "targetCaseId":
        value = values[field];
        break;
      default:
        value = text(values[field] as string | undefined);
    }
    const empty = value === undefined || value === "";
    if (empty && optional.has(field) && !keepEmpty[action]?.includes(field)) continue;
    body[field] = value ?? (field === "result" || field === "passed" ? undefined : "");
    if (body[field] === undefined) delete body[field];
  }
  return body;
}
