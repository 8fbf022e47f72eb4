import "server-only";
import pino from "pino";
import { getEnv } from "@/lib/env";

/**
 * Structured JSON logs. Anything that might carry a token or password is redacted by path, as a
 * second line of defence: code must never log them in the first place.
 */
export const logger = pino({
  level: getEnv().LOG_LEVEL,
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "accessToken",
      "*.accessToken",
      "refreshToken",
      "*.refreshToken",
      "authorization",
      "*.authorization",
      "headers.authorization",
    ],
    censor: "[redacted]",
  },
});
