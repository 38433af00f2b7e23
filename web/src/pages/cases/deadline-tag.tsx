import { Tag, Tooltip } from "antd";
import type { DeadlineState } from "../../api/cases";
import { formatDateTime } from "../../format/date-time";
import { useI18n } from "../../i18n/i18n-context";

const colour: Record<DeadlineState, string> = {
  none: "default",
  on_time: "green",
  due_soon: "orange",
  overdue: "red",
};

/** "3 天 4 小时" style duration, coarse: days and hours, or hours and minutes when under a day. */
export function useDuration() {
  const { t } = useI18n();
  return (ms: number) => {
    const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (days > 0)
      return hours > 0
        ? `${t("deadline.days", { n: days })} ${t("deadline.hours", { n: hours })}`
        : t("deadline.days", { n: days });
    if (hours > 0) return t("deadline.hours", { n: hours });
    return t("deadline.minutes", { n: mins });
  };
}

/**
 * A case's stage deadline in China time with its state colour: green on time, orange due soon, red
 * overdue (the state comes from the server clock); the time left or over shows in the tag.
 */
export function DeadlineTag({
  deadline,
  state,
  now = Date.now(),
  inline = false,
}: {
  deadline: string | null;
  state: DeadlineState;
  now?: number;
  /** On one line (headers) instead of stacked (table cells). */
  inline?: boolean;
}) {
  const { t, lang } = useI18n();
  const duration = useDuration();
  if (!deadline || state === "none")
    return (
      <Tag color="default" data-deadline-state="none">
        {t("deadline.none")}
      </Tag>
    );
  const left = Date.parse(deadline) - now;
  const relative =
    state === "overdue"
      ? t("deadline.over", { t: duration(left) })
      : left > 0
        ? t("deadline.left", { t: duration(left) })
        : t(`deadline.${state}`);
  return (
    <Tooltip title={`${t(`deadline.${state}`)} · ${formatDateTime(deadline, lang)}`}>
      <span className={`case-deadline${inline ? " case-deadline-inline" : ""}`} data-deadline-state={state}>
        <Tag color={colour[state]}>{t(`deadline.${state}`)}</Tag>
        <span className="case-deadline-time">{formatDateTime(deadline, lang)}</span>
        <span className={`case-deadline-left case-deadline-${state}`}>{relative}</span>
      </span>
    </Tooltip>
  );
}
