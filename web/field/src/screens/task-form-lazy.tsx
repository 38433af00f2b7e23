import { lazy, Suspense } from "react";
import { t } from "../i18n/i18n";
import type { ScreenProps } from "./registry";

/** The task form loads zod (the shared schema builder) in its own chunk: not before the first interaction. */
const TaskForm = lazy(async () => ({ default: (await import("./task-form")).TaskForm }));

export function TaskFormScreen(props: ScreenProps) {
  return (
    <Suspense fallback={<div className="screen">{t("common.loading")}</div>}>
      <TaskForm {...props} />
    </Suspense>
  );
}
