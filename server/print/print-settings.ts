import { envAreas, parseWith } from "../config-schema";

/**
 * Settings of the printables (environment, read once at start):
 * SAFEGRID_PUBLIC_URL           the origin printed in duty cards' QR codes (unset: the request's origin)
 * SAFEGRID_HANDBOOK_MAX_PAGES   default page budget of a handbook (default 60)
 */
export interface PrintSettings {
  publicUrl: string | undefined;
  handbookMaxPages: number;
}

export function readPrintSettings(env: NodeJS.ProcessEnv = process.env): PrintSettings {
  const e = parseWith(envAreas.print, env);
  return { publicUrl: e.SAFEGRID_PUBLIC_URL, handbookMaxPages: e.SAFEGRID_HANDBOOK_MAX_PAGES };
}

export const printSettings: PrintSettings = readPrintSettings();
