// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    authInterrupts: true,
  },
};

module.exports = withNextIntl(nextConfig);
