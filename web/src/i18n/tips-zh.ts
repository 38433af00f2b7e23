/** Texts of the public tips in the console (R28), spread into `zh`. */
export const tipsZh = {
  "tips.thread": "举报沟通",
  "tips.intro": "举报人凭查询码可看到这里的答复（不显示答复人姓名）。举报人身份另行加密保存，这里不显示。",
  "tips.realName": "实名举报",
  "tips.anonymous": "匿名举报",
  "tips.address": "举报地址",
  "tips.happenedAt": "发现时间",
  "tips.none": "暂无往来消息",
  "tips.official": "办理单位",
  "tips.informant": "举报人",
  "tips.replyPlaceholder": "答复举报人，或请举报人补充情况",
  "tips.send": "发送给举报人",
  "tips.sent": "已发送",
};
