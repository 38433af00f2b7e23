/** Stable error codes with their HTTP status and messages (Chinese first, English second). */
export const errorCatalog = {
  bad_request: { status: 400, zh: "请求格式不正确", en: "Malformed request" },
  invalid_json: { status: 400, zh: "请求体不是有效的 JSON", en: "Request body is not valid JSON" },
  validation_failed: { status: 422, zh: "输入数据校验未通过", en: "Input validation failed" },
  malformed_text: {
    status: 422,
    zh: "输入含有无效的文字编码（如孤立的代理项或空字符）",
    en: "Input holds malformed text (a lone surrogate or a NUL character)",
  },
  input_too_complex: {
    status: 422,
    zh: "输入嵌套过深或数组过长",
    en: "Input nested too deeply or an array too long",
  },
  malformed_multipart: {
    status: 400,
    zh: "multipart/form-data 请求格式不正确（缺少边界、内容被截断或格式错误）",
    en: "Malformed multipart/form-data (no boundary, truncated or malformed)",
  },
  csrf_rejected: {
    status: 403,
    zh: "跨站请求被拒绝：请从本系统页面操作",
    en: "Cross-site request refused",
  },
  payload_too_large: { status: 413, zh: "请求体过大", en: "Request body too large" },
  unsupported_media_type: { status: 415, zh: "不支持的内容类型", en: "Unsupported content type" },
  unauthenticated: { status: 401, zh: "请先登录", en: "Sign-in required" },
  invalid_api_key: {
    status: 401,
    zh: "平台密钥缺失、错误或已吊销",
    en: "The platform key is missing, wrong or revoked",
  },
  not_eligible_duplicate: {
    status: 409,
    zh: "该事项已有奖励或更早的实名举报人，每一事项只奖励第一位有效实名举报人",
    en: "One reward per matter, to the first valid real-name informant",
  },
  session_expired: { status: 401, zh: "会话已过期，请重新登录", en: "Session expired, sign in again" },
  invalid_credentials: { status: 401, zh: "用户名或密码错误", en: "Wrong username or password" },
  account_locked: {
    status: 423,
    zh: "登录失败次数过多，账号已临时锁定",
    en: "Too many failed sign-ins; account temporarily locked",
  },
  forbidden: { status: 403, zh: "没有执行此操作的权限", en: "You may not do this" },
  mfa_required: {
    status: 403,
    zh: "请先完成双因素认证（输入动态验证码或绑定身份验证器）",
    en: "Complete two-factor authentication first (enter a code or enrol an authenticator)",
  },
  password_change_required: {
    status: 403,
    zh: "请先修改密码后再继续使用",
    en: "Change your password before continuing",
  },
  password_reset_expired: {
    status: 401,
    zh: "临时密码已过期，请联系管理员重新重置",
    en: "The temporary password has expired; ask an administrator for a new one",
  },
  password_reused: {
    status: 422,
    zh: "新密码不能与最近 5 次使用过的密码相同",
    en: "The new password must differ from your last 5 passwords",
  },
  current_password_wrong: { status: 422, zh: "当前密码不正确", en: "The current password is wrong" },
  totp_invalid: { status: 422, zh: "动态验证码或恢复码不正确", en: "Wrong authentication or recovery code" },
  totp_replayed: {
    status: 422,
    zh: "该动态验证码已使用过，请等待下一个验证码",
    en: "This code was already used; wait for the next one",
  },
  totp_already_enrolled: {
    status: 409,
    zh: "已绑定身份验证器；如需更换请联系安全管理员重置",
    en: "An authenticator is already enrolled; ask the security administrator to reset it",
  },
  totp_not_started: { status: 409, zh: "请先生成绑定二维码", en: "Start the enrolment first" },
  totp_not_pending: { status: 409, zh: "当前会话无需输入动态验证码", en: "No second factor is pending" },
  separation_of_duties: {
    status: 409,
    zh: "三员分立：同一账号不能兼任系统管理员、安全管理员、安全审计员中的两个角色，也不能修改自己的角色",
    en: "Separation of duties: no account may hold two administrator roles, nor change its own role",
  },
  not_found: { status: 404, zh: "未找到或无权访问", en: "Not found or no access" },
  conflict: { status: 409, zh: "数据已被修改，请刷新后重试", en: "Conflict; reload and try again" },
  duplicate: { status: 409, zh: "数据重复", en: "Duplicate" },
  invalid_transition: {
    status: 409,
    zh: "当前阶段不允许此操作",
    en: "Action not allowed in the current stage",
  },
  weak_password: { status: 422, zh: "密码不符合安全要求", en: "Password does not meet the policy" },
  invalid_region_code: { status: 422, zh: "行政区划代码无效", en: "Invalid region code" },
  export_reason_required: {
    status: 422,
    zh: "导出含个人信息或敏感数据，请填写导出事由（至少 5 个字）",
    en: "This export contains personal or sensitive data: state a reason (at least 5 characters)",
  },
  backup_invalid: {
    status: 422,
    zh: "备份不完整或与清单不符",
    en: "The backup is incomplete or does not match its manifest",
  },
  backup_target_not_empty: { status: 409, zh: "备份目录不是空目录", en: "The backup directory is not empty" },
  restore_target_not_empty: {
    status: 409,
    zh: "数据目录不是空目录，恢复只写入空的数据目录",
    en: "The data directory is not empty; restore writes only into an empty one",
  },
  rate_limited: { status: 429, zh: "请求过于频繁，请稍后再试", en: "Too many requests; try again later" },
  same_person_closure: {
    status: 409,
    zh: "本县已启用“同人不得闭环”：整改反馈人、经办人不能复查或结案本案",
    en: "Another person must re-check and close this case",
  },
  outbound_url_invalid: {
    status: 422,
    zh: "接收地址不符合外发规则（须为 http/https，不含用户名密码，端口允许使用）",
    en: "The URL breaks the outbound rules (http/https, no credentials, an allowed port)",
  },
  outbound_address_blocked: {
    status: 422,
    zh: "接收地址指向本机、内网、链路本地、组播或保留地址，不允许外发",
    en: "The address is loopback, private, link-local, multicast or reserved",
  },
  database_unavailable: {
    status: 503,
    zh: "数据库暂时不可用，请稍后重试",
    en: "The database is temporarily unavailable; try again shortly",
  },
  evidence_store_unavailable: {
    status: 503,
    zh: "证据存储暂时不可用，附件未保存，请稍后重试",
    en: "The evidence store is temporarily unavailable; nothing was saved. Try again shortly",
  },
  evidence_missing: {
    status: 422,
    zh: "附件文件在证据存储中不存在，请重新上传后再提交",
    en: "The evidence file is not in the evidence store; upload it again",
  },
  storage_full: {
    status: 507,
    zh: "服务器存储空间已满，数据未保存，请联系管理员",
    en: "The server's storage is full; nothing was saved. Contact the administrator",
  },
  overloaded: { status: 503, zh: "服务器繁忙，请稍后重试", en: "The server is busy; try again shortly" },
  request_timeout: {
    status: 503,
    zh: "服务器处理超时，请稍后重试",
    en: "The server did not finish in time; try again shortly",
  },
  delivery_no_targets: {
    status: 422,
    zh: "按该条件没有可送达的场所（已关闭的场所不计）",
    en: "No site matches this filter (closed sites are left out)",
  },
  delivery_too_many_targets: {
    status: 422,
    zh: "送达场所过多，请缩小范围（单次不超过 5000 个）",
    en: "Too many sites; narrow the filter (at most 5000)",
  },
  delivery_count_changed: {
    status: 409,
    zh: "场所数量已变化，请重新确认送达范围",
    en: "The number of sites changed; confirm the targets again",
  },
  no_extent: {
    status: 404,
    zh: "该区划没有边界，也没有网格，无法在地图上定位",
    en: "This region has no boundary and no grids to show on the map",
  },
  delivery_target_not_found: {
    status: 404,
    zh: "该场所不在本次送达范围内",
    en: "This site is not a target of the delivery",
  },
  delivery_target_removed: {
    status: 409,
    zh: "该场所已从本次送达中移除，无需再送达",
    en: "This site was removed from the delivery",
  },
  delivery_already_recorded: {
    status: 409,
    zh: "该场所已由他人登记送达结果",
    en: "This site's delivery was already recorded",
  },
  delivery_site_not_yours: {
    status: 403,
    zh: "该场所不在您负责的网格内",
    en: "This site is not in your grids",
  },
  delivery_evidence_invalid: {
    status: 422,
    zh: "附件不存在或不是您本人上传的，请重新拍照或签名",
    en: "An attachment does not exist or was not uploaded by you",
  },
  recheck_location_required: {
    status: 422,
    zh: "现场复查须记录复查位置（请开启定位或在地图上标注）",
    en: "An on-site re-check needs its location",
  },
  recheck_photo_reused: {
    status: 422,
    zh: "复查照片与本案此前的照片完全相同，请在现场重新拍摄",
    en: "The re-check photo equals an earlier photo of the case; take a new one on site",
  },
  internal: { status: 500, zh: "服务器内部错误", en: "Internal server error" },
  upload_offset_mismatch: {
    status: 409,
    zh: "上传位置不一致，请从服务器已收到的位置继续上传",
    en: "The piece does not start where the upload stands; continue from the server's offset",
  },
  upload_hash_mismatch: {
    status: 422,
    zh: "文件校验失败（SHA-256 不一致），请重新上传",
    en: "The file's SHA-256 does not match; upload it again",
  },
  task_kind_not_found: {
    status: 404,
    zh: "没有这个任务类型（或不属于本县区）",
    en: "No such task kind (or not of this county)",
  },
  task_kind_retired: {
    status: 422,
    zh: "该任务类型已停用：停用后完成的记录不再接收",
    en: "This task kind was retired; records done after that are not accepted",
  },
  task_kind_version_unknown: {
    status: 422,
    zh: "任务表单版本不存在，请更新手机上的任务类型后重新填写",
    en: "Unknown version of the task form; refresh the task kinds and fill it again",
  },
  task_kind_exists: {
    status: 409,
    zh: "本县区已有相同标识的任务类型",
    en: "The county already has a task kind with this code",
  },
  task_photos_missing: { status: 422, zh: "照片数量不足", en: "Not enough photos" },
  training_not_found: { status: 404, zh: "没有这个培训", en: "No such training" },
  training_plan_unknown: {
    status: 422,
    zh: "所选年度培训计划不存在、不可见，或培训对象不在该计划的区划内",
    en: "The annual training plan does not exist, is not visible, or the audience is outside its region",
  },
  training_score_not_attendee: {
    status: 422,
    zh: "只能为本次培训已签到（或已登记）的人员录入成绩",
    en: "Scores can only be entered for people who attended this training",
  },
  training_attendee_duplicate: {
    status: 422,
    zh: "所选人员已在本次培训的签到名单中（或重复选择），未录入任何人",
    en: "Someone chosen is already on this training's attendance (or chosen twice); nobody was entered",
  },
  training_attendee_outside: {
    status: 422,
    zh: "只能录入本次培训对象区划内在岗的网格员、村（居）委会成员或乡镇安监站人员，未录入任何人",
    en: "Only active field staff of the training's region can be entered; nobody was entered",
  },
  training_not_started: {
    status: 422,
    zh: "培训尚未开始，不能录入签到（开始前 30 分钟起可录入）",
    en: "The training has not started; attendance can be entered from 30 minutes before its start",
  },
  training_attendance_self: {
    status: 422,
    zh: "本人扫码或定位签到的记录不能由组织者移除，只能移除组织者录入的签到",
    en: "A worker's own check-in cannot be removed by the organiser; only entered attendance can",
  },
  training_attendee_absent: {
    status: 404,
    zh: "该人员不在本次培训的签到名单中",
    en: "This person is not on the training's attendance",
  },
  attendance_closed: {
    status: 422,
    zh: "不在培训签到时间内（开始前 30 分钟至结束后 30 分钟）",
    en: "Outside the training's check-in window (30 min before start to 30 min after end)",
  },
  attendance_token_invalid: {
    status: 422,
    zh: "签到码无效或已过期，请重新扫描讲师屏幕上的二维码",
    en: "Check-in code invalid or expired; scan the trainer's QR code again",
  },
  attendance_too_far: {
    status: 422,
    zh: "不在培训地点附近，无法定位签到，请改用扫码签到",
    en: "Not near the training's place; check in by QR code instead",
  },
  tip_check_failed: {
    status: 422,
    zh: "验证未通过或已过期，请刷新页面后重新提交",
    en: "The check failed or expired; reload the page and send again",
  },
  tip_photo_rejected: { status: 422, zh: "照片不符合要求", en: "Photo not accepted" },
  engagement_dates_reversed: {
    status: 422,
    zh: "委托结束日期不能早于开始日期",
    en: "The engagement cannot end before it starts",
  },
  qualification_expired: {
    status: 422,
    zh: "该专家的资质已过期或尚未生效，不能委托或开展服务",
    en: "The expert's qualification has expired or is not yet valid",
  },
  expert_without_account: {
    status: 422,
    zh: "该专家尚未关联第三方服务机构账号，不能委托",
    en: "The expert has no service-provider account linked",
  },
  target_outside_engagement: {
    status: 404,
    zh: "该对象不在您有效委托的服务范围内",
    en: "This is not within any of your active engagements",
  },
  engagement_ended: { status: 409, zh: "该委托已结束", en: "The engagement has ended" },
  assessment_decided: {
    status: 409,
    zh: "该评估已审核，不能重复审核",
    en: "The assessment was already decided",
  },
} as const;

export type ErrorCode = keyof typeof errorCatalog;

/** An error meant for the user: a stable code, an HTTP status and a message in Chinese (and English). */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly zh: string;
  readonly en: string;
  readonly details?: unknown;

  constructor(
    code: ErrorCode | string,
    opts: { zh?: string; en?: string; status?: number; details?: unknown } = {},
  ) {
    const known = (errorCatalog as Record<string, { status: number; zh: string; en: string }>)[code];
    const zh = opts.zh ?? known?.zh ?? code;
    super(zh);
    this.name = "AppError";
    this.code = code;
    this.status = opts.status ?? known?.status ?? 400;
    this.zh = zh;
    this.en = opts.en ?? known?.en ?? zh;
    this.details = opts.details;
  }
}

export const notFound = () => new AppError("not_found");
export const forbidden = (zh?: string, en?: string) => new AppError("forbidden", { zh, en });
export const invalid = (zh: string, en: string, details?: unknown) =>
  new AppError("validation_failed", { zh, en, details });
