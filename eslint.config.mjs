import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Each lib/ folder shows one face, its index.ts; other folders import only that. These few modules are the named
// exceptions: browser-safe ones that client components import without pulling a folder's server code; lib/auth's
// faces without next-auth (which loads only inside Next) for workers, the CLI and API tokens; and the database's
// process-level entry points (embedded server, migrations) that only launchers and tests use; and the launcher itself,
// which `npm start` loads without the engine that lib/runtime's index brings (it loads that once Next.js is spawned).
const PUBLIC_DEEP_MODULES = [
  "@/lib/auth/rate-limit",
  "@/lib/auth/scopes",
  "@/lib/auth/tokens",
  "@/lib/db/embedded",
  "@/lib/db/migrate",
  "@/lib/gitlab/version",
  "@/lib/groups/creation-levels",
  "@/lib/groups/path-rules",
  "@/lib/live/import-event",
  "@/lib/migration/wire",
  "@/lib/projects/ci-status",
  "@/lib/references/syntax",
  "@/lib/runtime/launcher",
  "@/lib/sources/target-rules",
  "@/lib/wikis/urls",
];
const deepImports = {
  group: ["@/lib/*/**", ...PUBLIC_DEEP_MODULES.map((name) => `!${name}`)],
  message: "Import a lib/ folder through its index.ts (or one of the named browser-safe modules in eslint.config.mjs).",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "dist/**", ".data/**", ".test-data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // DESIGN.md: no import cycles.
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "scripts/**/*.ts", "proxy.ts"],
    ignores: ["**/*.test.ts", "**/_test/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [deepImports] }] },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["**/*.test.ts", "**/_test/**"],
    rules: {
      // lib/ is the core: no React, no Next routing (DESIGN.md).
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["react", "react-dom", "next/navigation", "@/components/*", "@/app/*"], message: "lib/ knows nothing of React or routes." }, deepImports] },
      ],
    },
  },
  {
    // Records are built per row on the import and export paths. On Node 20 a literal that starts with a spread and
    // goes on (`{ ...owner, title }`, `{ ...a, ...b }`) gives each object map transitions of its own: 4-77 µs an
    // object against 0.2-1 µs with the spread later, measured; it was 8% of an import worker's CPU in one line.
    files: ["lib/migration/pipelines/**/*.ts", "lib/exchange/relations/**/*.ts"],
    ignores: ["**/*.test.ts", "**/_test/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ObjectExpression[properties.length>1][properties.0.type='SpreadElement']",
          message: "Put the spread after the literal's own keys, or use Object.assign (mergedRecord for source attributes): a literal that starts with a spread is slow per object on Node 20.",
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/db", "@/lib/db/*"], message: "Components get data through props or react-query, never from the database." }, deepImports] },
      ],
    },
  },
]);
