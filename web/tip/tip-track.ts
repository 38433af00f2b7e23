import { h, messageOf, when } from "./tip-dom";

interface TipStatus {
  number: string;
  stage: string;
  stageLabel: string;
  open: boolean;
  reportedAt: string;
  deadline: string | null;
  overdue: boolean;
  closedAt: string | null;
  canSayNotFixed: boolean;
  reward: "available" | "paid" | null;
  rewardAmountYuan: number | null;
  messages: { direction: "official" | "informant"; body: string; at: string }[];
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const yuan = (n: number) => `${n.toLocaleString("zh-CN")} 元`;

/** The reward line: approved → "可领取奖励" (claim with the code and ID), paid → "奖励已发放". */
function rewardNote(s: TipStatus): HTMLElement | null {
  if (!s.reward) return null;
  const amount = s.rewardAmountYuan != null ? `（${yuan(s.rewardAmountYuan)}）` : "";
  return s.reward === "paid"
    ? h("p", { class: "reward paid", id: "track-reward" }, `奖励已发放${amount}`)
    : h(
        "p",
        { class: "reward available", id: "track-reward" },
        h("strong", {}, `可领取奖励${amount}`),
        h("br", {}),
        "请携带本人身份证件和查询码，到县应急管理局举报受理窗口领取。",
      );
}

/** The tracking part: a code in, the stage, the deadline, the replies, an answer box and "not fixed". */
export function trackView(initialCode = ""): HTMLElement {
  const codeInput = h("input", {
    id: "track-code",
    name: "code",
    autocomplete: "off",
    placeholder: "输入 32 位查询码",
    value: initialCode,
  });
  const result = h("div", { id: "track-result", "aria-live": "polite" });
  const error = h("p", { class: "error", role: "alert" });

  async function run(path: string, body: Record<string, unknown>) {
    error.textContent = "";
    const res = await post(path, { code: codeInput.value, ...body });
    if (!res.ok) {
      error.textContent = res.status === 404 ? "查询码不正确，或没有这条举报" : await messageOf(res);
      return;
    }
    show((await res.json()) as TipStatus);
  }

  function show(s: TipStatus) {
    const reply = h("textarea", {
      id: "tip-answer",
      rows: "3",
      maxlength: "1000",
      placeholder: "回复办理人员的问题",
    });
    const notFixedNote = h("textarea", {
      rows: "2",
      maxlength: "1000",
      placeholder: "问题仍然存在的情况（可不填）",
    });
    result.replaceChildren(
      h(
        "section",
        { class: "card status" },
        h("h3", {}, `举报编号 ${s.number}`),
        h(
          "p",
          { class: "stage" },
          h("span", { class: s.open ? "badge open" : "badge closed" }, s.stageLabel),
        ),
        h("p", {}, `提交时间：${when(s.reportedAt)}`),
        s.deadline ? h("p", {}, `本阶段办理期限：${when(s.deadline)}`) : null,
        s.overdue ? h("p", { class: "overdue" }, "已超过办理期限，已自动提醒上级督办") : null,
        s.closedAt && !s.open ? h("p", {}, `办结时间：${when(s.closedAt)}`) : null,
        rewardNote(s),
        h("h4", {}, "答复与沟通"),
        s.messages.length === 0
          ? h("p", { class: "muted" }, "暂无答复")
          : h(
              "ul",
              { class: "thread" },
              ...s.messages.map((m) =>
                h(
                  "li",
                  { class: m.direction },
                  h("span", { class: "who" }, m.direction === "official" ? "办理单位" : "我"),
                  h("span", { class: "at" }, when(m.at)),
                  h("p", {}, m.body),
                ),
              ),
            ),
        reply,
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => run("/api/v1/public/tips/messages", { body: reply.value }),
          },
          "发送回复",
        ),
        s.canSayNotFixed
          ? h(
              "div",
              { class: "not-fixed" },
              h("p", {}, "如果问题没有整改到位，可以告诉我们，案件将重新办理。"),
              notFixedNote,
              h(
                "button",
                {
                  type: "button",
                  class: "danger",
                  onclick: () =>
                    run(
                      "/api/v1/public/tips/not-fixed",
                      notFixedNote.value.trim() ? { body: notFixedNote.value } : {},
                    ),
                },
                "问题未整改",
              ),
            )
          : null,
      ),
    );
  }

  return h(
    "section",
    { class: "card", id: "track" },
    h("h2", {}, "查询举报进展"),
    h("label", { for: "track-code" }, "查询码"),
    codeInput,
    h(
      "button",
      { type: "button", id: "track-go", onclick: () => run("/api/v1/public/tips/track", {}) },
      "查询",
    ),
    error,
    result,
  );
}
