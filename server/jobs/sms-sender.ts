import {
  expectSuccess,
  type OutboundSettings,
  outboundRequest,
  type Resolver,
} from "../outbound/outbound-request";

/**
 * How SMS leaves the platform: an HTTP SMS gateway (the operator's, or a cloud provider's HTTP API),
 * under the same outbound rules as webhooks. Without a configured gateway there is no sender, and the
 * delivery job stores SMS rows as `not_sent_no_gateway` (never "delivered").
 */
export interface SmsSender {
  readonly name: string;
  /** Resolves when the gateway accepted the message (2xx); throws an `OutboundError` when it did not. */
  send(phone: string, text: string): Promise<void>;
}

export interface SmsGatewayConfig {
  /**
   * `https://gw.example/send?to={phone}&msg={text}`: with a `{phone}` or `{text}` placeholder, a GET with
   * the URL-encoded values; without, a JSON POST `{ "phone", "text" }` to the URL.
   */
  url: string;
  /** Sent in `keyHeader` on every call (never logged, never stored). */
  key: string | undefined;
  keyHeader: string;
}

const placeholders = /\{(phone|text)\}/;

/** The HTTP SMS-gateway transport; the gateway's status decides `sent` (2xx) or a failure (`http_status`). */
export function httpSmsGateway(
  gateway: SmsGatewayConfig,
  outbound: OutboundSettings,
  resolve?: Resolver,
): SmsSender {
  return {
    name: "http-gateway",
    async send(phone, text) {
      const headers: Record<string, string> = { "user-agent": "SafeGrid-SMS/1" };
      if (gateway.key) headers[gateway.keyHeader.toLowerCase()] = gateway.key;
      if (placeholders.test(gateway.url)) {
        const url = gateway.url
          .replaceAll("{phone}", encodeURIComponent(phone))
          .replaceAll("{text}", encodeURIComponent(text));
        await expectSuccess(outboundRequest(url, { method: "GET", headers }, outbound, resolve));
        return;
      }
      headers["content-type"] = "application/json";
      const body = JSON.stringify({ phone, text });
      await expectSuccess(outboundRequest(gateway.url, { method: "POST", headers, body }, outbound, resolve));
    },
  };
}

/** The deployment's SMS sender, or null when no gateway is configured. */
export function smsSenderFrom(
  gateway: SmsGatewayConfig | null,
  outbound: OutboundSettings,
  resolve?: Resolver,
): SmsSender | null {
  return gateway ? httpSmsGateway(gateway, outbound, resolve) : null;
}
