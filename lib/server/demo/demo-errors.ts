import "server-only";
import { AppError } from "@/lib/errors/app-error";

/** The demo is switched off on this server (DEMO_ENABLED=false, the production default). */
export class DemoDisabledError extends AppError {
  override name = "DemoDisabledError";
  constructor() {
    super("demo_disabled", {
      userMessage: "The demo account is turned off on this server.",
      responseStatus: 403,
    });
  }
}

export class DemoNotConfiguredError extends AppError {
  override name = "DemoNotConfiguredError";
  constructor() {
    super("demo_not_configured", {
      userMessage:
        "The demo account is not available on this server: DEMO_ROBINHOOD_URL is not set. " +
        "`npm run dev` starts the simulated Robinhood and sets it for you.",
      responseStatus: 503,
    });
  }
}
