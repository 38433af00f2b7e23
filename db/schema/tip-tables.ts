/** A public tip: its case and the hash of its tracking code; no address, browser or device of the sender. */
export interface TipTable {
  id: string;
  /** sha256 hex of the tracking code (the code itself is shown once, to the informant). */
  trackingHash: string;
  caseId: string;
  countyCode: string;
  /** The plain-words category the informant chose (domain/tip/tip-kinds.ts). */
  kind: string;
  address: string | null;
  happenedAt: string | null;
  realName: number;
  createdAt: string;
}

/** The informant's name and phone, AES-256-GCM sealed with the tip key (never in the database). */
export interface TipInformantTable {
  tipId: string;
  sealed: string;
}

/** The protected thread: official replies and questions, the informant's answers. */
export interface TipMessageTable {
  id: string;
  tipId: string;
  direction: "official" | "informant";
  body: string;
  /** Who wrote an official message (kept for the trail; never shown to the informant). */
  authorId: string | null;
  createdAt: string;
}

export interface TipTables {
  tip: TipTable;
  tipInformant: TipInformantTable;
  tipMessage: TipMessageTable;
}
