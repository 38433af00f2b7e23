import type { MessageKey } from "../../i18n/zh";

/** Site kinds a routing rule can match (glossary: site). A rule with no site kind matches every kind. */
export const siteKinds: { kind: string; label: MessageKey }[] = [
  { kind: "enterprise", label: "siteKind.enterprise" },
  { kind: "small_shop", label: "siteKind.small_shop" },
  { kind: "small_workshop", label: "siteKind.small_workshop" },
  { kind: "small_entertainment", label: "siteKind.small_entertainment" },
  { kind: "household", label: "siteKind.household" },
  { kind: "other", label: "siteKind.other" },
];
