import { anyTip } from "../../db/queries/tip-queries";
import { leadingZeroBits, newChallenge } from "../commands/tips/proof-of-work";
import { submitTip } from "../commands/tips/submit-tip";
import type { DemoStep } from "./create-demo";

/** Two public tips of the demo county (one anonymous, one real-name), so 举报受理 and /tip have something. */
export const demoTips: DemoStep = async (deps, places) => {
  if (await anyTip(deps.db)) return;
  const tips = [
    {
      kind: "fire_exit",
      description: "超市后门的消防通道堆满了纸箱，安全出口指示灯也不亮",
      address: "城关镇兴隆路 36 号 惠民超市后门",
      anonymous: true,
    },
    {
      kind: "fireworks",
      description: "村口小卖部在卖没有标识的烟花爆竹，堆在门口",
      address: "村口小卖部",
      anonymous: false,
      name: "演示举报人",
      phone: "13900000000",
    },
  ];
  for (const t of tips) {
    const { challenge, bits } = newChallenge(deps.config, deps.clock.now());
    let nonce = 0;
    while (leadingZeroBits(challenge, String(nonce)) < bits) nonce++;
    await submitTip(deps, { ...t, regionCode: places.village, challenge, nonce: String(nonce) }, []);
  }
};
