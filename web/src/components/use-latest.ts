import { useCallback, useRef } from "react";

/**
 * Guards against answers arriving out of order: `begin()` marks a new request and returns a check that
 * stays true only while no later request has begun (a slow unfiltered list must not replace a search).
 */
export function useLatest(): () => () => boolean {
  const seq = useRef(0);
  return useCallback(() => {
    const n = ++seq.current;
    return () => n === seq.current;
  }, []);
}
