// @ts-check
import { builtinModules } from "node:module";
import tseslint from "typescript-eslint";

/** Only the entry files know the runtime (DESIGN.md, "Runtime-agnostic core"). */
const RUNTIME_ENTRIES = ["src/worker.ts", "src/deno.ts"];
const CORE = "src/ should not depend on a runtime: web standards only. Only src/worker.ts and src/deno.ts may.";

/**
 * The layers (README, "Project layout"): each folder may import only the folders below it, so
 * there are no folder cycles. Resource folders never import each other.
 */
const RESOURCES = ["registrations", "users", "offerings", "offering-categories", "agreements", "admin"];
const LAYERS = [
  { folders: ["lib"], may: [] },
  { folders: ["db"], may: ["lib"] },
  { folders: ["idempotency"], may: ["lib", "db"] },
  { folders: ["http"], may: ["lib", "db", "idempotency"] },
  { folders: ["auth"], may: ["lib", "db", "http"] },
  { folders: RESOURCES, may: ["lib", "db", "idempotency", "http", "auth"] },
  { folders: ["openapi", "bundle"], may: ["lib", "db", "http", "auth"] },
];

/** One zone per layer: a relative import that leaves the folder must go to a folder below. */
const layerZones = LAYERS.map(({ folders, may }) => ({
  files: folders.map((folder) => `src/${folder}/**/*.ts`),
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: may.length === 0 ? "^\\.\\./" : `^\\.\\./(?!(${may.join("|")})/)`,
            message: `src/${folders.length === 1 ? folders[0] : "<resource>"}/ may import only ${may.length === 0 ? "its own files" : may.map((f) => `src/${f}/`).join(", ")} (README, "Project layout").`,
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".wrangler/",
      "dist/",
      "data/",
      "test-results/",
      "migrations/",
      // copied from node_modules by `npm run build:docs`
      "public/docs/vendor/",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Transactions do not exist on D1: every multi-statement write is one db.batch().
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: "D1 has no interactive transactions; use db.batch().",
        },
      ],
    },
  },
  ...layerZones,
  {
    // app.ts wires everything but the entries.
    files: ["src/app.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^\\./(worker|deno)$", message: "Only the entries import app.ts, never the reverse." }] }],
    },
  },
  {
    // The core runs unchanged on Workers and Deno: no Node or Deno API, no runtime's own modules,
    // no database driver (a type from drizzle-orm/d1 is fine: src/db/client.ts names the Db type).
    files: ["src/**/*.ts"],
    ignores: RUNTIME_ENTRIES,
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            ...builtinModules.map((name) => ({ name, message: CORE })),
            { name: "drizzle-orm/d1", message: CORE, allowTypeImports: true },
          ],
          patterns: [
            { regex: "^(node|cloudflare|npm|jsr|bun):", message: CORE },
            { regex: "^(@libsql/|libsql$|drizzle-orm/(libsql|sqlite-proxy|node-sqlite))", message: CORE },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["Deno", "process", "Buffer", "require", "global", "__dirname", "__filename", "Bun"].map((name) => ({
          name,
          message: CORE,
        })),
      ],
    },
  },
);
