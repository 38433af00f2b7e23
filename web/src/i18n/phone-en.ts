import type { phoneZh } from "./phone-zh";

/** English texts of the console at phone width (issue 9), spread into `en`. */
export const phoneEn: Record<keyof typeof phoneZh, string> = {
  "phone.menu": "Menu",
  "phone.fieldAppOffer":
    "You are using the office console on a phone. The grid worker's field app is made for phones and works offline.",
  "phone.openFieldApp": "Open the field app",
  "phone.dismiss": "Stay in the console",
};
