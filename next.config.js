// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");
const { SECURITY_HEADERS } = require("./scripts/security-headers.cjs");

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/server/i18n-request.ts",
  // The message catalogues (messages/<locale>/*.json) are compiled at build time, so the browser gets
  // a formatter of under 1 kB instead of the ICU parser and intl-messageformat (decision 0011).
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Metadata (the page title) is rendered in the head for every client, not streamed after the body,
  // so a page is complete (and accessible) when it has loaded.
  htmlLimitedBots: /.*/,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  // Headers for every response, static files included. The CSP (with a per-request nonce) comes from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: SECURITY_HEADERS,
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    authInterrupts: true,
  },
};

module.exports = withNextIntl(nextConfig);
