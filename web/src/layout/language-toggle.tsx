import { Segmented } from "antd";
import { useI18n } from "../i18n/i18n-context";
import type { Lang } from "../i18n/translate";

/** 中文 / EN switch; the choice is remembered in localStorage. */
export function LanguageToggle() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      data-testid="language-toggle"
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: "中文", value: "zh" },
        { label: "EN", value: "en" },
      ]}
    />
  );
}
