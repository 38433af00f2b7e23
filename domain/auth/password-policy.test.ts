import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-policy";

describe("checkPassword", () => {
  it("accepts a long password with three classes", () => {
    expect(checkPassword("Qx7-river-Lamp-88", ["zhangsan"])).toEqual([]);
  });
  it("requires length, classes and no context words", () => {
    expect(checkPassword("Ab1-short", [])).toHaveLength(1);
    expect(checkPassword("onlylowercaseletters", [])[0].zh).toContain("至少 3 类");
    expect(checkPassword("Zhangsan-2026-x", ["zhangsan"])[0].en).toContain("username");
    expect(checkPassword("My-SafeGrid-2026", [])).toHaveLength(1);
  });
  it("follows a configured policy", () => {
    expect(checkPassword("abcdefgh", [], { minLength: 8, minClasses: 1 })).toEqual([]);
  });
});
