// The linter and the house's import boundaries (docs/architecture.md). `npm test` runs it; any error fails.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

// Each layer and what it may NOT import (the table in docs/architecture.md, as patterns).
const DB = ["@/db", "@/db/*", "**/db", "**/db/*"];
const SERVER = ["@/lib/server", "@/lib/server/*", "server-only", "next/headers", "next/cache", "better-sqlite3", "drizzle-orm", "drizzle-orm/*"];
const APP = ["@/app/*"];
const COMPONENTS = ["@/components/*"];
const UP = (what) => ({ group: what, message: "This import points up the layer table (docs/architecture.md)." });

/**
 * A client file ("use client" at the top) may not import server-only code: db/, lib/server, next/headers,
 * node builtins — neither may anything it imports (the folder rules make that transitive).
 */
const clientBoundary = {
  meta: { type: "problem", schema: [], messages: { server: "A client file may not import server-only code ({{source}})." } },
  create(context) {
    const src = context.sourceCode;
    const first = src.ast.body[0];
    const isClient = first?.type === "ExpressionStatement" && first.directive === "use client";
    if (!isClient) return {};
    const forbidden = /^(@\/db(\/|$)|@\/lib\/server(\/|$)|server-only$|next\/headers$|next\/cache$|better-sqlite3$|drizzle-orm|node:)/;
    const check = (node) => {
      if (node.importKind === "type") return;
      const source = node.source?.value;
      if (typeof source === "string" && forbidden.test(source)) context.report({ node, messageId: "server", data: { source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
  {
    plugins: { house: { rules: { "client-boundary": clientBoundary } } },
    rules: {
      "house/client-boundary": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "max-len": ["error", { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  // The engine imports nothing outside itself.
  {
    files: ["lib/competency/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(?!\\./|\\.\\./competency/)", message: "lib/competency imports nothing outside itself." }] }],
    },
  },
  // lib/ (pure, both sides): the vocabulary, validation, money, formatting, CSV, URL state.
  {
    files: ["lib/**"],
    ignores: ["lib/competency/**", "lib/server/**", "lib/testing/**", "lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [UP([...DB, ...SERVER, ...APP, ...COMPONENTS, "next/*", "next", "react", "react-dom"])] }] },
  },
  // db/: schema, migrations, queries and writes; reads lib, never the services, pages or components.
  {
    files: ["db/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [UP(["@/lib/server", "@/lib/server/*", ...APP, ...COMPONENTS, "next", "next/*", "react"])] }] },
  },
  // lib/server/: server-only services over db/ and lib/.
  {
    files: ["lib/server/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [UP([...APP, ...COMPONENTS])] }] },
  },
  // components/: presentational and client components; lib, the engine and the app's actions only.
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/db",
                "@/db/*",
                "**/db",
                "**/db/*",
                "@/lib/server",
                "@/lib/server/*",
                "**/lib/server/*",
                "server-only",
                "better-sqlite3",
                "drizzle-orm",
                "drizzle-orm/*",
              ],
              allowTypeImports: true,
              message: "Components get data as props: only types may come from db/ or lib/server (docs/architecture.md).",
            },
            { regex: "^@/app/(?!.*actions$)", message: "Components may import only the app's actions.ts files." },
          ],
        },
      ],
    },
  },
  // Tests and scripts are the outside world: they may reach any layer.
  {
    files: ["**/*.test.ts", "e2e/**", "scripts/**", "lib/testing/**", "lib/competency/test-*.ts", "*.config.*"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["next.config.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
]);
