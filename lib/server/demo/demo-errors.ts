import "server-only";

/** The demo is switched off on this server (DEMO_ENABLED=false, the production default). */
export class DemoDisabledError extends Error {
  constructor() {
    super("The demo account is turned off on this server.");
    this.name = "DemoDisabledError";
  }
}

export class DemoNotConfiguredError extends Error {
  constructor() {
    super(
      "The demo account is not available on this server: DEMO_ROBINHOOD_URL is not set. " +
        "`npm run dev` starts the simulated Robinhood and sets it for you.",
    );
    this.name = "DemoNotConfiguredError";
  }
}
