import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", ".test-data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // DESIGN.md: no import cycles.
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      // lib/ is the core: no React, no Next routing (DESIGN.md).
      "no-restricted-imports": ["error", { patterns: [{ group: ["react", "react-dom", "next/navigation", "@/components/*", "@/app/*"], message: "lib/ knows nothing of React or routes." }] }],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db", "@/lib/db/*"], message: "Components get data through props or react-query, never from the database." }] }],
    },
  },
]);
