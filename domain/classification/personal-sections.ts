import type { NavSection } from "../auth/nav";

/**
 * Console sections whose pages show personal data (R21): they carry a faint watermark with the signed-in
 * user's name and the date, so a screenshot or a photo of the screen names who took it.
 */
export const personalDataSections: readonly NavSection[] = [
  "grids", // grid officers' and workers' phones
  "sites", // site contacts
  "coverage", // drill-down lists of sites and grid workers
  "cases", // reporters, descriptions, hazard details
  "departments", // members' names and phones
  "users", // users' phones
  "trail", // who did what
  "security_log", // usernames and source addresses
  "patrols", // missed sites, and the site file with its contacts and patrol records (who checked in)
  "task_records", // who recorded what, where
  "trainings", // attendees' names
];

export function showsPersonalData(section: NavSection | undefined): boolean {
  return section !== undefined && personalDataSections.includes(section);
}
