/**
 * The register's text search (issue 11): a site is found by any part of its name or address ("加油" finds
 * 中石化加油站), whatever the width or case of the letters (ＫＴＶ, ktv and KTV are the same). The database
 * keeps, per site, the normalised text it matches and the two-character grams of that text; a search first
 * asks the gram index for the sites that have every gram of the query, then checks the substring on those
 * sites only (a query of one character has no gram: it checks every site in scope).
 */

/** NFKC (full-width letters and digits as ASCII) and lower case: how both the text and the query are compared. */
export const normalizeSearch = (s: string): string => s.normalize("NFKC").toLowerCase();

/** What a search matches a substring of: the normalised name and address, on lines of their own. */
export function siteSearchText(name: string, address: string): string {
  return `${normalizeSearch(name.replace(/\n/g, " "))}\n${normalizeSearch(address.replace(/\n/g, " "))}`;
}

const gramChar = /^[\p{L}\p{N}]{2}$/u;

/** The distinct two-character windows of a normalised text made of letters and digits only. */
function gramsOf(text: string, into: Set<string>): Set<string> {
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    if (gramChar.test(g)) into.add(g);
  }
  return into;
}

/** The grams of a site's name and address, space-separated (none across the name/address boundary). */
export function siteSearchGrams(name: string, address: string): string {
  const grams = new Set<string>();
  for (const part of siteSearchText(name, address).split("\n")) gramsOf(part, grams);
  return [...grams].join(" ");
}

/** A query as it is compared: normalised, line breaks as spaces. */
export const searchQuery = (q: string): string => normalizeSearch(q.replace(/\n/g, " "));

/** The grams every site matching the (normalised) query has; [] when the query has none (one character). */
export const queryGrams = (query: string): string[] => [...gramsOf(query, new Set())];
