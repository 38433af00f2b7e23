import { useEffect, useState } from "react";

type Topic = "outbox" | "session" | "work-set" | "lists";
const listeners = new Map<Topic, Set<() => void>>();

/** Tells every screen that shows `topic` to read it again. */
export function emitChange(topic: Topic): void {
  for (const fn of listeners.get(topic) ?? []) fn();
}

export function onChange(topic: Topic, fn: () => void): () => void {
  const set = listeners.get(topic) ?? new Set();
  set.add(fn);
  listeners.set(topic, set);
  return () => set.delete(fn);
}

/** Loads a value and loads it again whenever `topic` changes. */
export function useTopic<T>(topic: Topic, load: () => Promise<T>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is read fresh on each change
  useEffect(() => {
    let live = true;
    const run = () =>
      void load().then((v) => {
        if (live) setValue(v);
      });
    run();
    const off = onChange(topic, run);
    return () => {
      live = false;
      off();
    };
  }, [topic]);
  return value;
}
