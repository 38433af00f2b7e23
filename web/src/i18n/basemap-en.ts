import type { basemapZh } from "./basemap-zh";

export const basemapEn: Record<keyof typeof basemapZh, string> = {
  "basemap.vector": "Tianditu map",
  "basemap.imagery": "Tianditu imagery",
  "basemap.tiles": "Online base map",
  "basemap.offline": "Offline base map",
  "basemap.fallback": "The base map cannot be loaded; switched to the offline base map",
  "basemap.legend": "Legend",
  "basemap.county": "County boundary",
  "basemap.township": "Township (from its grids)",
  "basemap.grid": "Grid (name)",
  "basemap.myGrid": "My grids",
  "basemap.site": "Site",
  "basemap.pin": "Marked location",
  "basemap.reporter": "Reporter's position (circle: accuracy)",
  "basemap.myGridsNone": "You serve no grid yet",
  "locate.search": "Search: site name, address, township or village",
  "locate.searchSites": "Sites",
  "locate.searchRegions": "Regions",
  "locate.noResult": "Nothing found",
  "locate.crs": "Coordinate system",
  "locate.crs.WGS84": "WGS84 (GPS, Tianditu)",
  "locate.crs.GCJ02": "GCJ-02 (AMap, Tencent)",
  "locate.crs.BD09": "BD-09 (Baidu)",
  "locate.crsHint": "Choose where the numbers come from; they are stored as WGS84",
  "locate.stored": "Stored as WGS84: {lng}, {lat}",
  "locate.pickHint": "Click the map or drag the pin",
  "locate.accuracy": "Accuracy about {m} m",
  "help.kind":
    "Company with a business licence: enterprise; a small shop, workshop, entertainment venue or a household business: the matching kind.",
  "help.uscc":
    "The 18-character code on the business licence. Characters 3–8 are where it was registered; a code from another city is flagged for checking. Required for enterprises.",
  "help.industry": "The main business under GB/T 4754; type a word to search.",
  "help.scale": "Statistical size (large, medium, small, micro); leave empty when unknown.",
  "help.ownership": "Who owns the business (state, collective, private, foreign…), see the licence's type.",
  "help.risk": "The level under the local risk grading; leave empty until graded.",
  "help.flags":
    "These three decide whether county-level departments supervise the site directly (outside the grid). Yes: direct; no: in the grid; default: large scale counts as large, a red (major) risk level as high risk, high grade defaults to no.",
  "help.large":
    "Large: many employees or high output. Yes takes the site out of the grid to direct supervision.",
  "help.highGrade":
    "High grade: star hotels, large malls, venues for important events. Yes means direct supervision.",
  "help.highRisk":
    "High risk: stores or uses hazardous chemicals or explosives. Yes means direct supervision.",
  "help.region":
    "The township or village where the site actually operates; it decides the grid and department.",
  "help.location": "Click the map or drag the pin; or type coordinates and name their system.",
  "help.status": "Operating, or stopped/closed as it is; closed sites get no patrol tasks.",
  "help.contact": "The person on site to notify about fixes, and their mobile number.",
  "detail.legendGrid": "Its grid",
  "sites.usccRegionWarn": "Please check",
};
