/**
 * Fixed texts of the printables (R9, R10), from the notice (安委办〔2017〕105号 四(五)): what a grid worker
 * does (信息员、宣传员) and how a report travels through the closed loop.
 */
export const gridWorkerDuties: string[] = [
  "按《网格手册》要求，重点查看基层企业、“三小场所”（小商铺、小作坊、小娱乐场所）、家庭户等的非法生产情况，发现后及时报告",
  "协助配合有关部门做好安全检查和执法工作",
  "向监督管理对象送达最新的文件资料",
  "向监督管理对象和社会公众宣传安全生产法律法规和安全生产知识",
];

/** How to report, as printed on the duty card (the QR code opens the field app's report page). */
export const howToReport: string[] = [
  "扫描右侧二维码，打开“网格通”上报页（已按本网格预填）",
  "选择行业类别与严重程度，拍照、定位、简要描述后提交；无网络时先存手机，联网后自动发送",
  "重大隐患或事故：立即电话报告，再补录上报",
];

/** The reporting flow of the closed loop (the handbook's generated chapter). */
export const reportingFlow: { step: string; text: string }[] = [
  { step: "发现上报", text: "网格员巡查发现隐患或非法违法行为，通过“网格通”拍照定位上报，或拨打举报电话" },
  { step: "分类受理", text: "牵头部门汇总、分类，属本部门职责的依法处置" },
  { step: "交办处置", text: "属配合部门职责的交由配合部门处置，配合部门按时限反馈" },
  { step: "复核销号", text: "网格员或牵头部门到现场复核，另一人复核闭环后销号" },
  { step: "督办考核", text: "超时未办结的逐级督办，纳入网格化监管考核" },
];

/** The link a duty card's QR code opens: the field app's report page, pre-set to the worker's grid. */
export function reportLink(origin: string, gridCode: string): string {
  return `${origin.replace(/\/+$/, "")}/m/report?grid=${encodeURIComponent(gridCode)}`;
}
