import { solve } from "./sha256";
import { h, messageOf, reencode } from "./tip-dom";

interface FormInfo {
  kinds: { code: string; label: string }[];
  counties: { code: string; name: string; townships: { code: string; name: string }[] }[];
  maxPhotos: number;
  maxPhotoBytes: number;
}

const option = (value: string, label: string) => h("option", { value }, label);
const field = (label: string, id: string, control: HTMLElement, hint?: string) =>
  h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("small", {}, hint) : null);

/** The tip form: what, where, when, who; on success `done(code)` shows the tracking code. */
export function tipForm(info: FormInfo, done: (code: string, number: string) => void): HTMLElement {
  const kind = h(
    "select",
    { id: "tip-kind", required: true },
    option("", "请选择"),
    ...info.kinds.map((k) => option(k.code, k.label)),
  );
  const description = h("textarea", {
    id: "tip-description",
    rows: "5",
    maxlength: "2000",
    placeholder: "发现了什么问题？在哪里、什么情况，越具体越好",
  });
  const photos = h("input", {
    id: "tip-photos",
    type: "file",
    accept: "image/jpeg,image/png,image/*",
    multiple: true,
  });
  const photoNote = h("small", {}, `最多 ${info.maxPhotos} 张，照片会去除拍摄位置等信息后上传`);
  const county = h("select", { id: "tip-county" }, ...info.counties.map((c) => option(c.code, c.name)));
  const township = h("select", { id: "tip-township" });
  const fillTownships = () => {
    const c = info.counties.find((x) => x.code === county.value);
    township.replaceChildren(
      option("", "请选择乡镇（街道）"),
      ...(c?.townships ?? []).map((t) => option(t.code, t.name)),
    );
  };
  county.addEventListener("change", fillTownships);
  fillTownships();
  const address = h("input", {
    id: "tip-address",
    maxlength: "200",
    placeholder: "街道门牌、单位或场所名称",
  });
  let location: { lng: number; lat: number } | undefined;
  const locNote = h("small", { id: "tip-loc-note" }, "可选：使用手机定位标注位置（不会上传您的其他信息）");
  const locate = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: () => {
        if (!navigator.geolocation) {
          locNote.textContent = "此浏览器不支持定位，请填写地址";
          return;
        }
        locNote.textContent = "正在定位…";
        navigator.geolocation.getCurrentPosition(
          (p) => {
            location = {
              lng: Number(p.coords.longitude.toFixed(6)),
              lat: Number(p.coords.latitude.toFixed(6)),
            };
            locNote.textContent = `已标注位置：东经 ${location.lng}，北纬 ${location.lat}`;
          },
          () => {
            locNote.textContent = "无法获取位置，请填写地址或场所名称";
          },
          { enableHighAccuracy: true, timeout: 10_000 },
        );
      },
    },
    "使用当前位置",
  );
  const happenedAt = h("input", { id: "tip-when", type: "datetime-local" });
  const anonymous = h("input", { type: "radio", name: "who", id: "who-anon", value: "anon", checked: true });
  const realName = h("input", { type: "radio", name: "who", id: "who-real", value: "real" });
  const name = h("input", { id: "tip-name", maxlength: "40", autocomplete: "name" });
  const phone = h("input", { id: "tip-phone", inputmode: "numeric", maxlength: "11", autocomplete: "tel" });
  const who = h(
    "div",
    { class: "identity", hidden: true },
    field("姓名", "tip-name", name),
    field(
      "手机号码",
      "tip-phone",
      phone,
      "仅用于核实和发放奖励；加密保存，只有专门的举报受理人员经登记后可查看",
    ),
  );
  const toggle = () => {
    who.hidden = !realName.checked;
  };
  anonymous.addEventListener("change", toggle);
  realName.addEventListener("change", toggle);
  const error = h("p", { class: "error", role: "alert", id: "tip-error" });
  const submit = h("button", { type: "submit", id: "tip-submit" }, "提交举报");

  const form = h(
    "form",
    { class: "card", id: "tip-form", novalidate: true },
    h("h2", {}, "我要举报"),
    field("问题类型", "tip-kind", kind),
    field("问题描述", "tip-description", description),
    h("div", { class: "field" }, h("label", { for: "tip-photos" }, "现场照片"), photos, photoNote),
    field("所在县区", "tip-county", county),
    field("所在乡镇（街道）", "tip-township", township),
    field("详细地址或场所名称", "tip-address", address),
    h("div", { class: "field" }, locate, locNote),
    field("发现时间（可选）", "tip-when", happenedAt),
    h(
      "fieldset",
      { class: "field" },
      h("legend", {}, "举报方式"),
      h("label", { class: "inline" }, anonymous, " 匿名举报"),
      h("label", { class: "inline" }, realName, " 实名举报（可申请奖励）"),
    ),
    who,
    error,
    submit,
  );

  form.addEventListener("input", () => {
    error.textContent = "";
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const missing = !kind.value
      ? "请选择问题类型"
      : description.value.trim().length < 5
        ? "问题描述至少 5 个字"
        : !township.value
          ? "请选择所在乡镇（街道）"
          : !address.value.trim() && !location
            ? "请填写地址或场所名称，或使用当前位置"
            : realName.checked && (!name.value.trim() || !/^1[3-9]\d{9}$/.test(phone.value.trim()))
              ? "实名举报须填写姓名和 11 位手机号码"
              : "";
    if (missing) {
      error.textContent = missing;
      return;
    }
    const files = [...(photos.files ?? [])];
    if (files.length > info.maxPhotos) {
      error.textContent = `最多上传 ${info.maxPhotos} 张照片`;
      return;
    }
    submit.disabled = true;
    try {
      submit.textContent = "正在处理照片…";
      const blobs: Blob[] = [];
      for (const f of files) blobs.push(await reencode(f).catch(() => f));
      if (blobs.some((b) => b.size > info.maxPhotoBytes)) {
        error.textContent = `每张照片不能超过 ${info.maxPhotoBytes / 1024 / 1024} MB`;
        return;
      }
      submit.textContent = "正在安全验证…";
      const ch = (await (await fetch("/api/v1/public/tips/challenge", { cache: "no-store" })).json()) as {
        challenge: string;
        bits: number;
      };
      const nonce = await solve(ch.challenge, ch.bits);
      submit.textContent = "正在提交…";
      const data = {
        kind: kind.value || undefined,
        description: description.value,
        regionCode: township.value || undefined,
        address: address.value.trim() || undefined,
        location,
        happenedAt: happenedAt.value ? new Date(happenedAt.value).toISOString() : undefined,
        anonymous: !realName.checked,
        name: realName.checked ? name.value.trim() || undefined : undefined,
        phone: realName.checked ? phone.value.trim() || undefined : undefined,
        challenge: ch.challenge,
        nonce,
      };
      const body = new FormData();
      body.append("data", JSON.stringify(data));
      for (const [i, b] of blobs.entries()) body.append("photos", b, `photo${i + 1}.jpg`);
      const res = await fetch("/api/v1/public/tips", { method: "POST", body });
      if (!res.ok) {
        error.textContent = await messageOf(res);
        return;
      }
      const made = (await res.json()) as { code: string; number: string };
      done(made.code, made.number);
    } catch {
      error.textContent = "网络异常，请稍后再试";
    } finally {
      submit.disabled = false;
      submit.textContent = "提交举报";
    }
  });
  return form;
}
