"use server";

import type { DemoActionState } from "@/components/sign-in/demo-action-state";
import { openDemoAccount } from "@/lib/server/demo/open-demo-account";
import { serverAction } from "@/lib/server/handlers/server-action";

/**
 * "Open the demo account": no input to parse; the demo's credentials are fixed server-side. Refused
 * when the demo is switched off (DEMO_ENABLED=false), whether or not the page showed the button.
 */
export const openDemoAction = serverAction({
  name: "demo.open",
  session: "none",
  fallback: "The demo account could not be opened. Try again in a moment.",
  failure: (message): DemoActionState => ({ status: "error", message }),
  run: async (): Promise<DemoActionState> => {
    const { ticket } = await openDemoAccount();
    return { status: "signed-in", ticket };
  },
});
