import "server-only";
import { getEnv } from "@/lib/env";
import { createRobinhoodClient, type RobinhoodClient } from "@/lib/robinhood/client";

/**
 * A Robinhood client for interactive sign-in: someone is waiting on each request, so retries are
 * few, a long 429 fails at once with a clear message, and workflow polling gives up sooner.
 */
export function robinhoodSignInClient(baseUrl = getEnv().ROBINHOOD_API_URL): RobinhoodClient {
  return createRobinhoodClient({
    baseUrl,
    retry: { maxAttempts: 2, maxThrottleWaitMs: 5_000 },
    timeouts: { requestMs: 20_000 },
    polling: { workflowIntervalMs: 1_500, workflowTimeoutMs: 30_000 },
  });
}
