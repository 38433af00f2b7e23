import { Link } from "react-router-dom";
import { useI18n } from "../../i18n/i18n-context";

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/**
 * What an event refers to, by name: the department a case went to, the department suggested next, the
 * handler named on acceptance, the main case a duplicate was merged into (or the duplicate merged in).
 */
export function TimelineRefs({ data }: { data: Record<string, unknown> | null }) {
  const { t } = useI18n();
  if (!data) return null;
  const department = str(data.departmentName);
  const suggested = str(data.suggestedDepartmentName);
  const handler = str(data.handlerName);
  const target = str(data.targetCaseId) && str(data.targetNumber);
  const duplicate = str(data.duplicateId) && str(data.duplicateNumber);
  return (
    <>
      {department && (
        <div data-testid="timeline-department">{t("timeline.department", { name: department })}</div>
      )}
      {suggested && (
        <div data-testid="timeline-suggested">{t("timeline.suggested", { name: suggested })}</div>
      )}
      {handler && <div data-testid="timeline-handler">{t("timeline.handler", { name: handler })}</div>}
      {target && (
        <div>
          {t("timeline.mergedInto")}
          <Link to={`/cases/${data.targetCaseId}`} className="case-number" data-testid="timeline-case-link">
            {target}
          </Link>
        </div>
      )}
      {duplicate && (
        <div>
          {t("timeline.duplicate")}
          <Link to={`/cases/${data.duplicateId}`} className="case-number" data-testid="timeline-case-link">
            {duplicate}
          </Link>
        </div>
      )}
    </>
  );
}
