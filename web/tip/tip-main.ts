import "./tip.css";
import { h } from "./tip-dom";
import { tipForm } from "./tip-form";
import { trackView } from "./tip-track";

/** The public tip page (R28): a small page of its own, no console code, nothing loaded from elsewhere. */
const root = document.getElementById("tip-app")!;
const grouped = (code: string) => code.replace(/(.{4})(?=.)/g, "$1 ");

function shell(...content: HTMLElement[]) {
  root.replaceChildren(
    h(
      "header",
      { class: "tip-header" },
      h("h1", {}, "安全隐患举报"),
      h("p", {}, "发现安全生产隐患或违法行为，可以匿名向我们反映。我们会依法为举报人保密。"),
    ),
    ...content,
    h("footer", { class: "muted" }, "紧急情况请拨打 119 / 110 / 120。"),
  );
}

function received(code: string, number: string) {
  const codeText = h("p", { class: "code", id: "tip-code" }, grouped(code));
  shell(
    h(
      "section",
      { class: "card done" },
      h("h2", {}, "举报已提交"),
      h("p", {}, `举报编号：${number}`),
      h("p", {}, "请保存下面的查询码。凭它可以查看办理进展、回复办理人员的问题；查询码丢失后无法找回。"),
      codeText,
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () => {
            navigator.clipboard?.writeText(code).then(
              () => {
                codeText.dataset.copied = "1";
              },
              () => undefined,
            );
          },
        },
        "复制查询码",
      ),
    ),
    trackView(code),
  );
}

async function start() {
  try {
    const res = await fetch("/api/v1/public/tips/form");
    if (!res.ok) throw new Error(String(res.status));
    const info = await res.json();
    shell(tipForm(info, received), trackView());
  } catch {
    shell(h("section", { class: "card" }, h("p", { class: "error" }, "页面加载失败，请稍后刷新重试。")));
  }
}
void start();
