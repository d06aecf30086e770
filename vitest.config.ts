import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      "server-only": path.join(import.meta.dirname, "lib/test/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses:
    // transform it through vite instead (tests/integration/auth-hardening.test.ts calls its routes).
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each integration file opens its own database; two at a time suits two cores.
    maxWorkers: 2,
    // One migrated database per run, copied by every test file (tests/global-setup.ts).
    globalSetup: ["tests/global-setup.ts"],
  },
});
