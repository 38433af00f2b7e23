const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );

/**
 * The tile of the watermark: an SVG with the text twice, turned -22°, as a CSS background (no canvas, no
 * script drawing). Grey at low opacity, so it is faint over the page yet readable on white.
 */
export function watermarkTile(lines: string[]): string {
  const text = lines
    .map((line, i) => `<tspan x="0" dy="${i === 0 ? 0 : 20}">${escapeXml(line)}</tspan>`)
    .join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200">` +
    `<text transform="translate(40 140) rotate(-22)" fill="rgba(0,0,0,0.09)" font-size="15" ` +
    `font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif">${text}</text></svg>`;
  return `url("data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}")`;
}

/**
 * A faint diagonal watermark with the signed-in user's name and the date over a page that shows personal
 * data (R21). It covers the viewport, drawers and dialogs included, takes no clicks (pointer-events: none)
 * and repeats at any width.
 */
export function PersonalDataWatermark({ lines }: { lines: string[] }) {
  return (
    <div
      className="watermark-overlay"
      aria-hidden="true"
      data-testid="personal-data-watermark"
      data-text={lines.join(" ")}
      style={{ backgroundImage: watermarkTile(lines) }}
    />
  );
}
