import type { ApiError } from "../api/http";

/** Why an item was not sent, in plain Chinese for the worker (the server's own message when it has one). */
export function explainFailure(err: ApiError): string {
  if (err.network) return "暂时无网络，已保存在手机上，联网后自动发送";
  if (err.status === 429 || err.status === 503) return "服务器繁忙，稍后自动重试";
  if (err.status >= 500) return "服务器暂时出错，稍后自动重试";
  if (err.code === "storage_full") return "服务器存储空间已满，请联系管理员；数据保留在手机上";
  if (/site/.test(err.code) || /场所不存在|场所已/.test(err.message))
    return `场所已被删除或调整：${err.message}。数据已保留，可删除此项后按位置重新上报`;
  if (err.status === 403) return `无权提交：${err.message}（可能已调整网格）。数据已保留`;
  if (err.status === 404) return `服务器没有找到对应对象：${err.message}。数据已保留`;
  if (err.code === "idempotency_key_reused" || err.code === "idempotency_conflict")
    return "这条记录已用不同内容提交过，未重复提交";
  return `${err.message}（${err.code}）`;
}
