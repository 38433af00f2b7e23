import { useSyncExternalStore } from "react";
import { type FieldMessageKey, zh } from "./zh";

/**
 * The field app's own tiny i18n (no library): Simplified Chinese first, English available. The Chinese
 * dictionary is in the entry bundle; the English one is a lazy chunk loaded only when English is chosen
 * (the service worker pre-caches it, so it also loads offline).
 *
 * The choice is stored under the console's key (web/src/i18n/i18n-context.tsx, localStorage
 * "safegrid.lang" — /m is the same origin), so a user's choice carries over between console and phone.
 * The server keeps no per-user locale. No stored choice: a browser language starting with "en" → English.
 */
export type Lang = "zh" | "en";
export type { FieldMessageKey };
export type MessageParams = Record<string, string | number>;

export const LANG_STORAGE_KEY = "safegrid.lang";

/** Each language by its own name (the same in both dictionaries, so it is not in them). */
export const langNames: Record<Lang, string> = { zh: "简体中文", en: "English" };

let lang: Lang = "zh";
let en: Record<FieldMessageKey, string> | undefined;
const listeners = new Set<() => void>();

/** The saved choice, else the browser's language ("en…" → English), else Chinese. */
export function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (saved === "en" || saved === "zh") return saved;
  } catch {
    // storage unavailable: fall through to the browser's language
  }
  return /^en\b/i.test(navigator.language ?? "") ? "en" : "zh";
}

export const currentLang = () => lang;

/** Switches the language (loading the English dictionary first when needed) and re-renders. */
export async function applyLang(next: Lang): Promise<void> {
  if (next === "en" && !en) {
    try {
      en = (await import("./en")).en;
    } catch {
      return; // chunk missing (offline before it was cached): stay in Chinese
    }
  }
  lang = next;
  applyToDocument();
  for (const l of listeners) l();
}

/** The user's choice from 我的: remembered (same key as the console) and applied at once. */
export async function chooseLang(next: Lang): Promise<void> {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  await applyLang(next);
}

function applyToDocument() {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  document.title = t("app.documentTitle");
  const manifest = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (manifest) manifest.href = lang === "en" ? "/m/manifest.en.webmanifest" : "/m/manifest.webmanifest";
}

/** The message for `key` in the current language, `{name}` placeholders filled from `params`. */
export function t(key: FieldMessageKey, params?: MessageParams): string {
  const text = (lang === "en" && en ? en : zh)[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** The current language's side of a domain `{ zh, en }` label. */
export function pick(label: { zh: string; en?: string | null } | undefined, fallback = ""): string {
  if (!label) return fallback;
  return (lang === "en" && label.en) || label.zh;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The current language; the component re-renders when it changes (used by the shell, so every screen does). */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, currentLang);
}
