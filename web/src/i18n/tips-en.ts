import type { tipsZh } from "./tips-zh";

/** English texts of the public tips in the console, spread into `en`. */
export const tipsEn: Record<keyof typeof tipsZh, string> = {
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
