import type { tipsZh } from "./tips-zh";

/** English texts of the public tips in the console, spread into `en`. */
export const tipsEn: Record<keyof typeof tipsZh, string> = {
  "nav.tips": "Public tips",
  "tips.queue": "Public tips",
  "tips.queueIntro":
    "Informants' identities are kept encrypted. Reading a real-name informant's name and phone needs a reason; each reading is audited and the safety office is told.",
  "tips.number": "Case number",
  "tips.kind": "Kind",
  "tips.stage": "Stage",
  "tips.createdAt": "Filed",
  "tips.identity": "Informant",
  "tips.showIdentity": "Show identity",
  "tips.reason": "Reason",
  "tips.reasonPlaceholder": "e.g. to verify the tip by phone",
  "tips.name": "Name",
  "tips.phone": "Phone",
  "tips.readAt": "Read at",
  "tips.thread": "Tip thread",
  "tips.intro":
    "The informant sees these replies with the tracking code (without the author's name). Their identity is kept encrypted elsewhere and is not shown here.",
  "tips.realName": "Real-name tip",
  "tips.anonymous": "Anonymous tip",
  "tips.address": "Address given",
  "tips.happenedAt": "Noticed at",
  "tips.none": "No messages yet",
  "tips.official": "Officials",
  "tips.informant": "Informant",
  "tips.replyPlaceholder": "Reply to the informant, or ask for more details",
  "tips.send": "Send to the informant",
  "tips.sent": "Sent",
};
