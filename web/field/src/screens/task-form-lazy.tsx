import { lazy, Suspense } from "react";
import type { ScreenProps } from "./registry";

/** The task form loads zod (the shared schema builder) in its own chunk: not before the first interaction. */
const TaskForm = lazy(async () => ({ default: (await import("./task-form")).TaskForm }));

export function TaskFormScreen(props: ScreenProps) {
  return (
    <Suspense fallback={<div className="screen">加载中…</div>}>
      <TaskForm {...props} />
    </Suspense>
  );
}
