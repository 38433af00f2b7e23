import { useCallback, useState } from "react";
import { currentPosition, type PhoneLocation } from "../geo/geo";
import { t } from "../i18n/i18n";

let last: PhoneLocation | undefined;

/** The phone's position on request (button), with the reason when there is none. */
export function usePosition() {
  const [position, setPosition] = useState<PhoneLocation | undefined>(last);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const locate = useCallback(async () => {
    setBusy(true);
    setError(undefined);
    try {
      last = await currentPosition();
      setPosition(last);
      return last;
    } catch (err) {
      setError(err instanceof Error ? err.message : t("geo.failed"));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { position, error, busy, locate };
}
