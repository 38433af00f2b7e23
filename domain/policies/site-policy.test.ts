import { describe, expect, it } from "vitest";
import { maskContactData } from "./site-policy";

describe("maskContactData", () => {
  it("masks every contact phone and name in recorded event data, and nothing else", () => {
    const data = {
      name: "兴隆建材有限公司",
      contactName: "张建国",
      contactPhone: "13812345678",
      changes: { contactPhone: { from: "13812345678", to: "13987654321" }, address: { from: "a", to: "b" } },
      rows: [{ contactName: "李四" }],
    };
    expect(maskContactData(data)).toEqual({
      name: "兴隆建材有限公司",
      contactName: "张*国",
      contactPhone: "138****5678",
      changes: { contactPhone: { from: "138****5678", to: "139****4321" }, address: { from: "a", to: "b" } },
      rows: [{ contactName: "李*" }],
    });
  });
});
