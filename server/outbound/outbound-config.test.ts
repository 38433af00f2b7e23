import { expect, it } from "vitest";
import { parseIp } from "../../domain/outbound/ip-address";
import { addressRefusal } from "../../domain/outbound/outbound-rules";
import { loadConfig } from "../config";

it("reads the outbound allow list, timeouts and the SMS gateway; a bad allow-list entry stops the start", () => {
  const base = loadConfig({});
  expect(base.outbound).toMatchObject({ connectTimeoutMs: 3000, totalTimeoutMs: 10_000 });
  expect(base.outbound.allow).toEqual({ ranges: [], hosts: [] });
  expect(base.smsGateway).toBeNull();

  const c = loadConfig({
    SAFEGRID_OUTBOUND_ALLOW: "10.20.0.0/16, sms-gw.internal",
    SAFEGRID_OUTBOUND_CONNECT_TIMEOUT_MS: "1500",
    SAFEGRID_OUTBOUND_TIMEOUT_MS: "5000",
    SAFEGRID_SMS_GATEWAY_URL: "http://sms-gw.internal/send?to={phone}&msg={text}",
    SAFEGRID_SMS_GATEWAY_KEY: "k-1",
  });
  expect(c.outbound.allow.hosts).toEqual(["sms-gw.internal"]);
  expect(addressRefusal(parseIp("10.20.1.1")!, c.outbound.allow)).toBeNull();
  expect(addressRefusal(parseIp("10.21.1.1")!, c.outbound.allow)).toBe("private");
  expect(c.outbound).toMatchObject({ connectTimeoutMs: 1500, totalTimeoutMs: 5000 });
  expect(c.smsGateway).toEqual({
    url: "http://sms-gw.internal/send?to={phone}&msg={text}",
    key: "k-1",
    keyHeader: "X-Api-Key",
  });
  expect(() => loadConfig({ SAFEGRID_OUTBOUND_ALLOW: "127.0.0.1, 10.0.0.0/99" })).toThrow(/10\.0\.0\.0\/99/);
});
