/**
 * Does a 统一社会信用代码's registration-authority region (characters 3–8, GB/T 2260) fit the site's
 * region? A business is registered by the market regulator of its county, its city or the province (or,
 * for a few, nationally), so a code registered in the site's own city or above it is normal. A code from
 * another city or another province usually means a mistyped code, a branch registered elsewhere, or a
 * site entered in the wrong county: the form WARNS and still saves (issue 11, R2).
 */
export type UsccRegionFit =
  | { fit: "same_city" | "above" | "unknown" }
  | { fit: "other_city" | "other_province"; usccRegion: string; siteCounty: string };

/** Compares the code's region part with the site's region code (any level, 2–12 digits). */
export function usccRegionFit(uscc: string, siteRegionCode: string | null | undefined): UsccRegionFit {
  const code = uscc.trim().toUpperCase();
  const site = siteRegionCode?.trim() ?? "";
  if (code.length !== 18 || !/^\d{4,}$/.test(site)) return { fit: "unknown" };
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region)) return { fit: "unknown" };
  // national registrations (国家市场监督管理总局 100000 and the like) and the province's own office
  if (region.endsWith("0000") && (region.startsWith("10") || region.slice(0, 2) === site.slice(0, 2)))
    return { fit: "above" };
  if (region.slice(0, 4) === site.slice(0, 4)) return { fit: "same_city" };
  const siteCounty = site.slice(0, 6).padEnd(6, "0");
  if (region.slice(0, 2) === site.slice(0, 2)) return { fit: "other_city", usccRegion: region, siteCounty };
  return { fit: "other_province", usccRegion: region, siteCounty };
}

/**
 * The warning to show for a code that does not fit, naming both places when `nameOf` knows them;
 * null when the code fits (or cannot be judged).
 */
export function usccRegionWarning(
  fit: UsccRegionFit,
  nameOf: (code: string) => string | undefined = () => undefined,
): { zh: string; en: string } | null {
  if (fit.fit !== "other_city" && fit.fit !== "other_province") return null;
  const where = (code: string) => (nameOf(code) ? `${nameOf(code)}（${code}）` : code);
  const there = where(fit.usccRegion);
  const here = where(fit.siteCounty);
  const scope = fit.fit === "other_province" ? "外省" : "外市";
  return {
    zh: `统一社会信用代码第3–8位表示登记机关所在地为 ${there}，属${scope}，与本单位所在地 ${here} 不一致。请核对代码或所在地；分支机构在外地登记的可以保存。`,
    en: `Characters 3–8 of the credit code say it was registered in ${there}, another ${fit.fit === "other_province" ? "province" : "city"} than the site's ${here}. Check the code or the region; a branch registered elsewhere may be saved as it is.`,
  };
}
