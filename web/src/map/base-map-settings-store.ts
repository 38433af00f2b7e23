import type { BaseMapSettings } from "../../../domain/geo/base-map-settings";

/** The server's base-map settings, set from `/auth/me` when the session loads (issue 11). */
let current: BaseMapSettings = { kind: "offline" };

export const setBaseMapSettings = (s: BaseMapSettings) => {
  current = s;
};
export const baseMapSettingsNow = (): BaseMapSettings => current;
