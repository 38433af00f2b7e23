/** Texts of the console at phone width (issue 9): the menu drawer and the offer of the field app. */
export const phoneZh = {
  "phone.menu": "菜单",
  "phone.fieldAppOffer": "您正在用手机访问办公后台。网格员手机端为手机设计，可离线巡查、上报和复查。",
  "phone.openFieldApp": "打开网格员手机端",
  "phone.dismiss": "继续使用后台",
};
