"use server";

import { isRobinhoodError } from "@/lib/robinhood/client";
import { DemoDisabledError, DemoNotConfiguredError } from "@/lib/server/demo/demo-errors";
import { openDemoAccount } from "@/lib/server/demo/open-demo-account";
import { logger } from "@/lib/server/logger";

export type DemoActionState =
  | { status: "idle" }
  | { status: "signed-in"; ticket: string }
  | { status: "error"; message: string };

/**
 * "Open the demo account": no input to parse; the demo's credentials are fixed server-side. Refused
 * when the demo is switched off (DEMO_ENABLED=false), whether or not the page showed the button.
 */
export async function openDemoAction(_previous: DemoActionState, _form: FormData): Promise<DemoActionState> {
  try {
    const { ticket } = await openDemoAccount();
    return { status: "signed-in", ticket };
  } catch (error) {
    if (error instanceof DemoDisabledError || error instanceof DemoNotConfiguredError) {
      return { status: "error", message: error.message };
    }
    if (isRobinhoodError(error)) {
      return { status: "error", message: `The demo account could not be opened: ${error.userMessage}` };
    }
    logger.error(
      { err: { name: (error as Error).name, message: (error as Error).message } },
      "opening the demo failed",
    );
    return { status: "error", message: "The demo account could not be opened. Try again in a moment." };
  }
}
