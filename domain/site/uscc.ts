/**
 * 统一社会信用代码 (unified social credit code, USCC), GB 32100-2015: 18 characters from
 * "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, Z, S, V):
 *   1      registration authority (登记管理部门码)
 *   2      organisation category under that authority (机构类别码)
 *   3-8    administrative division of the registering office (登记管理机关行政区划码, GB/T 2260)
 *   9-17   subject identifier (主体标识码, the GB 11714 organisation code)
 *   18     check character (GB/T 17710 MOD 31-3): 31 - (Σ value·weight mod 31), 31 -> 0.
 * Authority and category tables follow the standard plus the codes the national registry added later
 * (农业农村 N, 公安 G, 住建 J, 侨联 Q; 村/居委会 54/55). The GB 11714 check digit inside chars 9-17 is
 * not enforced, so a real code is never rejected on a rule that is not part of GB 32100 itself.
 */
export const usccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
export const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

type Label = { zh: string; en: string };
const l = (zh: string, en: string): Label => ({ zh, en });
const other = l("其他", "Other");

/** Registration authorities (char 1) and the organisation categories (char 2) each may register. */
export const usccAuthorities: Record<string, Label & { categories: Record<string, Label> }> = {
  "1": {
    ...l("机构编制", "Organisation establishment"),
    categories: {
      "1": l("机关", "State organ"),
      "2": l("事业单位", "Public institution"),
      "3": l("中央编办直接管理机构编制的群众团体", "Mass organisation"),
      "9": other,
    },
  },
  "2": {
    ...l("外交", "Foreign affairs"),
    categories: { "1": l("外国常驻新闻机构", "Foreign news agency"), "9": other },
  },
  "3": {
    ...l("司法行政", "Judicial administration"),
    categories: {
      "1": l("律师执业机构", "Law firm"),
      "2": l("公证处", "Notary office"),
      "3": l("基层法律服务所", "Legal service office"),
      "4": l("司法鉴定机构", "Forensic institution"),
      "5": l("仲裁委员会", "Arbitration commission"),
      "6": l("商事调解组织", "Commercial mediation body"),
      "9": other,
    },
  },
  "4": {
    ...l("文化", "Culture"),
    categories: { "1": l("外国在华文化中心", "Foreign cultural centre"), "9": other },
  },
  "5": {
    ...l("民政", "Civil affairs"),
    categories: {
      "1": l("社会团体", "Social organisation"),
      "2": l("民办非企业单位", "Private non-enterprise unit"),
      "3": l("基金会", "Foundation"),
      "4": l("村民委员会", "Villagers' committee"),
      "5": l("居民委员会", "Residents' committee"),
      "9": other,
    },
  },
  "6": {
    ...l("旅游", "Tourism"),
    categories: {
      "1": l("外国政府旅游部门常驻代表机构", "Foreign tourism office"),
      "2": l("港澳台地区旅游部门常驻内地（大陆）代表机构", "Hong Kong, Macao or Taiwan tourism office"),
      "9": other,
    },
  },
  "7": {
    ...l("宗教", "Religious affairs"),
    categories: {
      "1": l("宗教活动场所", "Place of worship"),
      "2": l("宗教院校", "Religious school"),
      "9": other,
    },
  },
  "8": {
    ...l("工会", "Trade union"),
    categories: {
      "1": l("基层工会", "Grassroots union"),
      "2": l("非法人工会组织", "Union (not a legal person)"),
      "9": other,
    },
  },
  "9": {
    ...l("市场监管（工商）", "Market regulation"),
    categories: {
      "1": l("企业", "Enterprise"),
      "2": l("个体工商户", "Individual business"),
      "3": l("农民专业合作社", "Farmers' cooperative"),
      "9": other,
    },
  },
  A: {
    ...l("中央军委改革和编制办公室", "CMC reform and establishment office"),
    categories: { "1": l("军队单位", "Military unit"), "9": other },
  },
  G: {
    ...l("公安", "Public security"),
    categories: { "1": l("境外非政府组织代表机构", "Foreign NGO office"), "9": other },
  },
  J: {
    ...l("住房城乡建设", "Housing and construction"),
    categories: { "1": l("业主大会", "Owners' assembly"), "9": other },
  },
  N: {
    ...l("农业农村", "Agriculture and rural affairs"),
    categories: {
      "1": l("组级集体经济组织", "Group collective economic organisation"),
      "2": l("村级集体经济组织", "Village collective economic organisation"),
      "3": l("乡镇级集体经济组织", "Township collective economic organisation"),
      "9": other,
    },
  },
  Q: {
    ...l("侨联", "Overseas Chinese federation"),
    categories: {
      "1": l("区县级侨联组织", "County"),
      "2": l("乡镇级侨联组织", "Township"),
      "3": l("村级侨联组织", "Village"),
      "9": other,
    },
  },
  Y: { ...l("其他", "Other"), categories: { "1": other } },
};

/** First two digits of a GB/T 2260 division code, plus 10 for registrations at the central level. */
const provincePrefixes = new Set(
  "10 11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split(
    " ",
  ),
);

export type UsccProblem =
  | "empty"
  | "whitespace"
  | "fullwidth"
  | "lowercase"
  | "length"
  | "charset"
  | "registration_authority"
  | "organization_category"
  | "region_code"
  | "check_character";

export type UsccCheck =
  | { ok: true; normalized: string; authority: Label; category: Label; regionCode: string }
  | { ok: false; problem: UsccProblem; zh: string; en: string; position?: number; suggestion?: string };

/** The check character for the first 17 characters (which must be in the charset). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccCharset.indexOf(first17[i]) * usccWeights[i];
  return usccCharset[(31 - (sum % 31)) % 31];
}

/** Full-width letters and digits to ASCII, whitespace removed, upper case: a suggestion, never applied silently. */
export function normalizeUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, "")
    .toUpperCase();
}

const fail = (
  problem: UsccProblem,
  zh: string,
  en: string,
  extra: { position?: number; suggestion?: string } = {},
) => ({ ok: false, problem, zh, en, ...extra }) as const;

function checkStrict(code: string): UsccCheck {
  if (code.length !== 18)
    return fail(
      "length",
      `统一社会信用代码应为 18 位，实为 ${code.length} 位`,
      `Must be 18 characters, got ${code.length}`,
    );
  for (let i = 0; i < 18; i++)
    if (!usccCharset.includes(code[i])) {
      const banned = "IOZSV".includes(code[i]) ? "（代码不使用 I、O、Z、S、V）" : "";
      return fail(
        "charset",
        `第 ${i + 1} 位字符“${code[i]}”无效${banned}`,
        `Character ${i + 1} "${code[i]}" is not allowed (only 0-9 and A-Z without I, O, Z, S, V)`,
        { position: i + 1 },
      );
    }
  const authority = usccAuthorities[code[0]];
  if (!authority)
    return fail(
      "registration_authority",
      `第 1 位登记管理部门码“${code[0]}”无效`,
      `Registration authority "${code[0]}" (character 1) is unknown`,
      { position: 1 },
    );
  const category = authority.categories[code[1]];
  if (!category)
    return fail(
      "organization_category",
      `第 2 位机构类别码“${code[1]}”不属于登记管理部门“${authority.zh}”`,
      `Organisation category "${code[1]}" (character 2) is not valid for authority ${code[0]}`,
      { position: 2 },
    );
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region) || !provincePrefixes.has(region.slice(0, 2)))
    return fail(
      "region_code",
      `第 3~8 位行政区划码“${region}”无效`,
      `Characters 3-8 "${region}" are not a region code`,
      { position: 3 },
    );
  const expected = usccCheckCharacter(code);
  if (code[17] !== expected)
    return fail(
      "check_character",
      `校验码错误：第 18 位应为“${expected}”，实为“${code[17]}”，请核对代码是否录入有误`,
      `Wrong check character: character 18 should be "${expected}", got "${code[17]}"; check the code for typos`,
      { position: 18 },
    );
  return {
    ok: true,
    normalized: code,
    authority: { zh: authority.zh, en: authority.en },
    category,
    regionCode: region,
  };
}

/**
 * Validates a unified social credit code. Input that is only valid after normalisation (lower case,
 * full-width characters, spaces) is reported, with the normalised code as `suggestion` — not accepted.
 */
export function checkUscc(input: string): UsccCheck {
  if (input.trim() === "") return fail("empty", "统一社会信用代码不能为空", "The code is empty");
  const normalized = normalizeUscc(input);
  if (normalized === input) return checkStrict(input);
  const strict = checkStrict(normalized);
  if (!strict.ok) return strict;
  const suggestion = normalized;
  if (/\s/.test(input))
    return fail(
      "whitespace",
      `代码中含有空格，应为 ${suggestion}`,
      `The code contains spaces; did you mean ${suggestion}?`,
      { suggestion },
    );
  if (/[\uFF01-\uFF5E]/.test(input))
    return fail(
      "fullwidth",
      `代码中含有全角字符，应为 ${suggestion}`,
      `The code contains full-width characters; did you mean ${suggestion}?`,
      { suggestion },
    );
  return fail(
    "lowercase",
    `代码中的字母须为大写，应为 ${suggestion}`,
    `Letters must be upper case; did you mean ${suggestion}?`,
    { suggestion },
  );
}

const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const orgValue = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);

/** GB 11714-1997 organisation code check digit of its 8-character body (0–9, X). */
export function organisationCodeCheckDigit(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8[i]) * orgWeights[i];
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

export interface UsccWarning {
  code: "uscc_unknown_region" | "uscc_organisation_code";
  zh: string;
  en: string;
}

/**
 * What a valid USCC (GB 32100 check character right) may still get wrong, said as warnings, never refusals
 * (a real code is never rejected on a rule outside GB 32100): characters 3–8 that are no region of the
 * national list (`isRegion` says which are), and an embedded GB 11714 organisation code (characters 9–17)
 * whose check digit is wrong. Codes whose subject identifier is not a GB 11714 code (individual businesses,
 * authority 9 category 2, use other numbers) are not checked for the second.
 */
export function usccWarnings(code: string, isRegion: (six: string) => boolean): UsccWarning[] {
  const out: UsccWarning[] = [];
  const region = code.slice(2, 8);
  // 100000: registered by a central authority (中央), not a region of GB/T 2260
  if (region !== "100000" && !isRegion(region))
    out.push({
      code: "uscc_unknown_region",
      zh: `统一社会信用代码第 3~8 位“${region}”不是现行行政区划代码，请核对`,
      en: `Characters 3-8 "${region}" of the code are not a current region code; check it`,
    });
  const org = code.slice(8, 17);
  if (code.slice(0, 2) !== "92" && /^[0-9A-Z]{8}[0-9X]$/.test(org)) {
    const expected = organisationCodeCheckDigit(org.slice(0, 8));
    if (org[8] !== expected)
      out.push({
        code: "uscc_organisation_code",
        zh: `统一社会信用代码中的组织机构代码 ${org.slice(0, 8)}-${org[8]} 校验位应为“${expected}”（GB 11714），请核对`,
        en: `The organisation code ${org.slice(0, 8)}-${org[8]} inside the code should end in "${expected}" (GB 11714); check it`,
      });
  }
  return out;
}
