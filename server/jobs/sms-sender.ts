/**
 * How SMS leaves the platform. A deployment plugs its provider in (Aliyun, Tencent Cloud, an operator
 * gateway) by implementing `SmsSender`; the default transport only writes a log line, so nothing is sent
 * by accident from a test or demo installation.
 */
export interface SmsSender {
  readonly name: string;
  /** Resolves when the provider accepted the message; throws (with a message) when it did not. */
  send(phone: string, text: string): Promise<void>;
}

export function loggingSmsSender(log: (line: string) => void = (l) => console.log(l)): SmsSender {
  return {
    name: "log",
    async send(phone, text) {
      const masked = phone.length > 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
      log(`[sms] to ${masked}: ${text}`);
    },
  };
}
