import { en } from "./en";
import { type MessageKey, zh } from "./zh";

export type Lang = "zh" | "en";

export type MessageParams = Record<string, string | number>;

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const text = (lang === "en" ? en : zh)[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** Picks the label of a `{ zh, en }` pair (used with roleLabel, regionLevelLabel, department kinds). */
export function pickLabel(lang: Lang, label: { zh: string; en: string } | undefined, fallback = ""): string {
  if (!label) return fallback;
  return lang === "en" ? label.en : label.zh;
}
