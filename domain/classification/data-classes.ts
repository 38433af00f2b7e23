/**
 * Data classification (R21, 数据分类分级): every field a resource shows or exports carries one class.
 * - public: may be published (region names, industry codes, stages).
 * - internal: for the platform's users only (USCC, addresses, coordinates, grid codes, case descriptions).
 * - personal: identifies or reaches a natural person (names and phones of contacts, users, grid staff;
 *   a reporter's contact) — 个人信息, GB/T 35273; masked for roles that do not need it.
 * - sensitive: its disclosure can harm people or facilities (major-hazard plans and on-site findings,
 *   password hashes, sign-in sources).
 * Masking a value does not lower its class: a masked phone is still personal data.
 */
export const dataClasses = ["public", "internal", "personal", "sensitive"] as const;
export type DataClass = (typeof dataClasses)[number];

export const dataClassLabel: Record<DataClass, { zh: string; en: string }> = {
  public: { zh: "公开", en: "Public" },
  internal: { zh: "内部", en: "Internal" },
  personal: { zh: "个人信息", en: "Personal" },
  sensitive: { zh: "敏感", en: "Sensitive" },
};

const rank: Record<DataClass, number> = { public: 0, internal: 1, personal: 2, sensitive: 3 };

/** The class table, declared once per resource. Fields not listed are internal (see `classOf`). */
export const fieldClasses = {
  site: {
    id: "internal",
    name: "internal",
    kind: "public",
    uscc: "internal",
    industryCode: "public",
    scale: "internal",
    ownership: "internal",
    riskLevel: "internal",
    regionCode: "public",
    address: "internal",
    lon: "internal",
    lat: "internal",
    contactName: "personal",
    contactPhone: "personal",
    legalRepresentative: "personal",
    status: "internal",
    gridCode: "internal",
    workerName: "internal",
    departmentName: "public",
    overrideReason: "internal",
  },
  user: {
    id: "internal",
    username: "internal",
    displayName: "internal",
    role: "internal",
    scope: "internal",
    departmentId: "internal",
    phone: "personal",
    status: "internal",
    lastLoginAt: "internal",
    passwordHash: "sensitive",
  },
  grid: {
    code: "public",
    name: "public",
    regionCode: "public",
    geojson: "internal",
    officerName: "internal",
    officerPhone: "personal",
    leaderName: "internal",
    leaderPhone: "personal",
  },
  gridWorker: {
    displayName: "internal",
    phone: "personal",
    employment: "internal",
  },
  case: {
    number: "internal",
    stage: "public",
    type: "internal",
    category: "internal",
    source: "internal",
    description: "personal",
    regionCode: "public",
    gridCode: "internal",
    siteName: "internal",
    lng: "internal",
    lat: "internal",
    reporterId: "personal",
    reporterName: "personal",
    reporterPhone: "personal",
    departmentName: "public",
    reportedAt: "internal",
    deadline: "internal",
    plan: "sensitive",
    remediation: "sensitive",
    lastRecheck: "sensitive",
    onsiteAcceptance: "sensitive",
    evidence: "sensitive",
  },
  trailEvent: {
    id: "internal",
    at: "internal",
    actorId: "personal",
    actorRole: "internal",
    action: "internal",
    subjectType: "internal",
    subjectId: "internal",
    regionCode: "public",
    data: "personal",
    hash: "internal",
  },
  securityLog: {
    at: "internal",
    kind: "internal",
    username: "personal",
    ip: "sensitive",
    detail: "internal",
  },
  coverage: {
    regionCode: "public",
    regionName: "public",
    figures: "internal",
  },
  /** Document delivery (R15): a refusal's reason often names the person who refused. */
  delivery: {
    title: "internal",
    status: "internal",
    recorderName: "internal",
    at: "internal",
    lng: "internal",
    lat: "internal",
    distanceM: "internal",
    reason: "personal",
    flags: "internal",
    files: "internal",
  },
  /** Outreach, assistance and county task records (R14, R16, R17): who did what, where. */
  taskRecord: {
    kind: "internal",
    regionCode: "public",
    siteName: "internal",
    recorderName: "personal",
    at: "internal",
    values: "internal",
    location: "personal",
    flags: "internal",
    photos: "internal",
  },
  /** Training attendance (R19): who attended, when, how. */
  trainingAttendance: {
    training: "internal",
    userName: "personal",
    role: "internal",
    regionCode: "public",
    method: "internal",
    at: "internal",
    distanceM: "internal",
    flags: "internal",
    score: "internal",
    /** Attendance entered by the organiser: who entered it, and the note. */
    enteredBy: "personal",
    note: "internal",
  },
  /** Third-party provider work (R27): assessments and guidance per organisation and expert. */
  providerWork: {
    orgName: "internal",
    expertName: "personal",
    kind: "internal",
    target: "internal",
    regionCode: "public",
    at: "internal",
    result: "internal",
    status: "internal",
    text: "sensitive",
  },
  /** Assessment results (R23): a person's (or a township's, a department's) score and rank. */
  assessmentResult: {
    scheme: "internal",
    period: "internal",
    rank: "internal",
    subjectName: "personal",
    regionCode: "public",
    computedScore: "internal",
    adjustment: "internal",
    finalScore: "internal",
    items: "internal",
  },
  /** Pay sheet lines (R20): a person's pay and their bank account (masked). */
  payLine: {
    name: "personal",
    regionCode: "public",
    employment: "internal",
    score: "internal",
    base: "personal",
    performance: "personal",
    rewards: "personal",
    deductions: "personal",
    total: "personal",
    bankName: "personal",
    accountMasked: "personal",
  },
} as const satisfies Record<string, Record<string, DataClass>>;

export type ClassifiedResource = keyof typeof fieldClasses;

/** The class of one field; a field the table does not list is internal (never public by omission). */
export function classOf(resource: ClassifiedResource, field: string): DataClass {
  const table: Record<string, DataClass> = fieldClasses[resource];
  return table[field] ?? "internal";
}

/** The highest class among fields. */
export function highestClass(classes: readonly DataClass[]): DataClass {
  return classes.reduce<DataClass>((top, c) => (rank[c] > rank[top] ? c : top), "public");
}

/** True when data of this class may only leave the platform with a stated reason, a trail row and a watermark. */
export function isProtected(c: DataClass): boolean {
  return rank[c] >= rank.personal;
}
