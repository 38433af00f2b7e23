import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { leadingZeroBits } from "../commands/tips/proof-of-work";

/** A challenge from the server and a nonce that solves it (what the tip page computes). */
export async function solvedChallenge(app: FastifyInstance) {
  const { challenge, bits } = (
    await app.inject({ method: "GET", url: "/api/v1/public/tips/challenge" })
  ).json();
  let nonce = 0;
  while (leadingZeroBits(challenge, String(nonce)) < bits) nonce++;
  return { challenge: challenge as string, nonce: String(nonce) };
}

/** A JPEG with an EXIF segment (GPS text in it) around the smallest image bytes. */
export const exifMarker = "GPSLatitude-35.8457-SecretCamera";
export function jpegWithExif(): Buffer {
  const exif = Buffer.from(`Exif\0\0${exifMarker}`);
  const app1 = Buffer.concat([
    Buffer.from([0xff, 0xe1]),
    Buffer.from([(exif.length + 2) >> 8, (exif.length + 2) & 255]),
    exif,
  ]);
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x02, 0x11, 0x22, 0x33, 0xff, 0xd9]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, app1, sos]);
}

/** A multipart tip: the fields as JSON in `data`, the photos as `photos`. */
export function tipMultipart(data: Record<string, unknown>, photos: Buffer[] = []) {
  const boundary = `----tip${randomUUID().replace(/-/g, "")}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`,
    ),
  ];
  photos.forEach((p, i) => {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="p${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      p,
      Buffer.from("\r\n"),
    );
  });
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

export const tipFields = (over: Record<string, unknown> = {}) => ({
  kind: "gas",
  description: "饭店后厨液化气钢瓶放在地下室，气味很大",
  regionCode: "620123100001",
  location: { lng: 104.1146, lat: 35.8457 },
  address: "和平镇东街 12 号",
  anonymous: true,
  ...over,
});

/** Files a tip (solving the check first); answers the raw response. */
export async function fileTip(
  app: FastifyInstance,
  over: Record<string, unknown> = {},
  photos: Buffer[] = [],
) {
  const check = await solvedChallenge(app);
  return app.inject({
    method: "POST",
    url: "/api/v1/public/tips",
    ...tipMultipart({ ...tipFields(over), ...check }, photos),
  });
}
