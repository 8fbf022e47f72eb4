import "server-only";
import { getEnv } from "@/lib/env";

/**
 * What the pages offer: `hidden` when the demo is switched off (DEMO_ENABLED=false), `unconfigured`
 * when it is on but no simulated Robinhood is set (DEMO_ROBINHOOD_URL), `available` otherwise.
 */
export type DemoAvailability = "hidden" | "unconfigured" | "available";

export function demoAvailability(): DemoAvailability {
  const env = getEnv();
  if (!env.DEMO_ENABLED) return "hidden";
  return env.DEMO_ROBINHOOD_URL ? "available" : "unconfigured";
}
