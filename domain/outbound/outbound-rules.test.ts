import { describe, expect, it } from "vitest";
import { parseCidr, parseIp, parseIpv6 } from "./ip-address";
import {
  addressRefusal,
  blockedCategory,
  checkOutboundUrl,
  emptyAllowList,
  parseAllowList,
} from "./outbound-rules";

const category = (text: string) => blockedCategory(parseIp(text)!);

describe("IP parsing", () => {
  it("reads IPv4 and every IPv6 text form", () => {
    expect(parseIp("127.0.0.1")).toEqual({ family: 4, value: 0x7f000001n });
    expect(parseIp("[::1]")).toEqual({ family: 6, value: 1n });
    expect(parseIpv6("::ffff:127.0.0.1")).toEqual(parseIpv6("::ffff:7f00:1"));
    expect(parseIpv6("fe80::1%eth0")?.value).toBe((0xfe80n << 112n) | 1n);
    expect(parseIpv6("1:2:3:4:5:6:7:8")?.value).toBe(0x00010002000300040005000600070008n);
    for (const bad of [
      "127.1",
      "0x7f.0.0.1",
      "01.2.3.4",
      "256.1.1.1",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "::g",
      "x",
    ])
      expect(parseIp(bad)).toBeNull();
    expect(parseCidr("10.1.2.3/8")).toEqual({ family: 4, base: 0x0a000000n, bits: 8 });
    expect(parseCidr("10.0.0.0/33")).toBeNull();
  });
});

describe("blocked destinations", () => {
  it("refuses loopback, link-local, private, CGNAT, multicast, unspecified and reserved IPv4", () => {
    expect(category("127.0.0.1")).toBe("loopback");
    expect(category("127.255.0.9")).toBe("loopback");
    expect(category("169.254.169.254")).toBe("link_local");
    expect(category("10.0.0.1")).toBe("private");
    expect(category("172.16.0.1")).toBe("private");
    expect(category("172.31.255.255")).toBe("private");
    expect(category("192.168.1.1")).toBe("private");
    expect(category("100.64.0.1")).toBe("cgnat");
    expect(category("224.0.0.1")).toBe("multicast");
    expect(category("0.0.0.0")).toBe("unspecified");
    expect(category("255.255.255.255")).toBe("reserved");
    expect(category("198.18.0.1")).toBe("reserved");
    expect(category("172.32.0.1")).toBeNull();
    expect(category("8.8.8.8")).toBeNull();
    expect(category("101.6.6.6")).toBeNull();
  });

  it("refuses the same in IPv6, including IPv4 hidden in mapped and NAT64 forms", () => {
    expect(category("::1")).toBe("loopback");
    expect(category("::")).toBe("unspecified");
    expect(category("fc00::1")).toBe("private");
    expect(category("fd12:3456::1")).toBe("private");
    expect(category("fe80::1")).toBe("link_local");
    expect(category("ff02::1")).toBe("multicast");
    expect(category("::ffff:127.0.0.1")).toBe("loopback");
    expect(category("::ffff:a9fe:a9fe")).toBe("link_local");
    expect(category("64:ff9b::10.0.0.1")).toBe("private");
    expect(category("2001:db8::1")).toBe("reserved");
    expect(category("::ffff:8.8.8.8")).toBeNull();
    expect(category("2400:3200::1")).toBeNull();
    expect(category("4000::1")).toBe("reserved");
  });

  it("lets the allow list through addresses, ranges and hosts, and names what it cannot read", () => {
    const allow = parseAllowList("127.0.0.1, 10.20.0.0/16 [::1] Sms-GW.internal. 300.1.1.1");
    expect(allow.invalid).toEqual(["300.1.1.1"]);
    expect(allow.hosts).toEqual(["sms-gw.internal"]);
    expect(addressRefusal(parseIp("127.0.0.1")!, allow)).toBeNull();
    expect(addressRefusal(parseIp("127.0.0.2")!, allow)).toBe("loopback");
    expect(addressRefusal(parseIp("10.20.3.4")!, allow)).toBeNull();
    expect(addressRefusal(parseIp("10.21.3.4")!, allow)).toBe("private");
    expect(addressRefusal(parseIp("::1")!, allow)).toBeNull();
    expect(checkOutboundUrl("http://sms-gw.internal:8080/send", allow).ok).toBe(true);
  });
});

describe("checkOutboundUrl", () => {
  const refusal = (url: string) => {
    const r = checkOutboundUrl(url, emptyAllowList);
    return r.ok ? "ok" : r.reason === "blocked_address" ? `${r.reason}:${r.category}` : r.reason;
  };

  it("refuses literal internal addresses in every form the URL parser accepts", () => {
    expect(refusal("http://127.0.0.1/hook")).toBe("blocked_address:loopback");
    expect(refusal("http://2130706433/")).toBe("blocked_address:loopback");
    expect(refusal("http://0x7f.1/")).toBe("blocked_address:loopback");
    expect(refusal("http://0177.0.0.1/")).toBe("blocked_address:loopback");
    expect(refusal("http://[::1]:8080/")).toBe("blocked_address:loopback");
    expect(refusal("http://[::ffff:127.0.0.1]/")).toBe("blocked_address:loopback");
    expect(refusal("http://169.254.169.254/latest/meta-data/")).toBe("blocked_address:link_local");
    expect(refusal("http://10.0.0.1/")).toBe("blocked_address:private");
    expect(refusal("http://LOCALHOST./")).toBe("blocked_address:loopback");
    expect(refusal("http://api.localhost/")).toBe("blocked_address:loopback");
  });

  it("refuses credentials, other schemes, bad ports and junk; accepts public http(s)", () => {
    expect(refusal("https://user:pass@hooks.example.com/")).toBe("credentials");
    expect(refusal("https://user@hooks.example.com/")).toBe("credentials");
    expect(refusal("ftp://hooks.example.com/")).toBe("scheme");
    expect(refusal("file:///etc/passwd")).toBe("scheme");
    expect(refusal("gopher://hooks.example.com/")).toBe("scheme");
    expect(refusal("http://hooks.example.com:25/")).toBe("port");
    expect(refusal("http://hooks.example.com:0/")).toBe("port");
    expect(refusal("http://hooks.example.com:70000/")).toBe("malformed");
    expect(refusal("not a url")).toBe("malformed");
    expect(refusal("https://hooks.example.com/safegrid")).toBe("ok");
    expect(refusal("http://8.8.8.8:8443/")).toBe("ok");
  });
});
