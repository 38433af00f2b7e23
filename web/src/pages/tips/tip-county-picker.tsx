import { Button, Input, Space } from "antd";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { useSignedIn } from "../../session/session-context";

/** The first county in the user's scope: a county office or tip officer edits its own county's settings. */
export function useFirstCounty(): string {
  const { user } = useSignedIn();
  return user?.scope.find((c) => c.length === 6) ?? "";
}

/** A county code box for the offices above a county (a city or province office picks the county). */
export function CountyPicker({ value, onOpen }: { value: string; onOpen: (county: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  return (
    <Space.Compact style={{ maxWidth: 320 }}>
      <Input
        addonBefore={t("catmap.county")}
        value={draft}
        maxLength={6}
        inputMode="numeric"
        onChange={(e) => setDraft(e.target.value.trim())}
        onPressEnter={() => onOpen(draft)}
        data-testid="county-code"
      />
      <Button onClick={() => onOpen(draft)}>{t("catmap.load")}</Button>
    </Space.Compact>
  );
}
