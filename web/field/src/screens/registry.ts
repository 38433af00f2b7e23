import type { ComponentType } from "react";
import type { FieldMessageKey } from "../i18n/i18n";

export interface ScreenProps {
  /** Path parameters, e.g. { id } for "sites/:id". */
  params: Record<string, string>;
  /** Query string values. */
  query: URLSearchParams;
}

export interface FieldScreen {
  /** Path under /m/ without leading slash: "", "sites", "sites/:id", "deliveries/:id". */
  path: string;
  /** Title in the top bar: a key of the field dictionaries (web/field/src/i18n/). */
  title: FieldMessageKey;
  component: ComponentType<ScreenProps>;
  /** Present when the screen is a bottom tab: label, a one-character/emoji icon, order (left to right). */
  tab?: { label: FieldMessageKey; icon: string; order: number };
  /** Show a back arrow in the top bar (sub-pages). */
  back?: boolean;
}

const screens: FieldScreen[] = [];

/** Adds a screen (and maybe a bottom tab). Call it from screens/index.ts at start. */
export function registerScreen(screen: FieldScreen): void {
  const at = screens.findIndex((s) => s.path === screen.path);
  if (at >= 0) screens[at] = screen;
  else screens.push(screen);
}

export const allScreens = () => screens;
export const tabs = () =>
  screens.filter((s) => s.tab).sort((a, b) => (a.tab?.order ?? 0) - (b.tab?.order ?? 0));

/** The screen for a path under /m/, with its parameters. */
export function matchScreen(
  path: string,
): { screen: FieldScreen; params: Record<string, string> } | undefined {
  const parts = path.split("/").filter(Boolean);
  for (const screen of screens) {
    const pattern = screen.path.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    pattern.forEach((p, i) => {
      if (p.startsWith(":")) params[p.slice(1)] = decodeURIComponent(parts[i]);
      else if (p !== parts[i]) ok = false;
    });
    if (ok) return { screen, params };
  }
  return undefined;
}
