import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against the real production build (run `npm run build` first; `npm run test:e2e`
 * does). The server gets a fresh embedded database per run, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set: tests/e2e/support/serve.ts prepares either and then starts the server.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${PORT}`;

// The system Chromium when there is one (CI, Debian); Playwright's own download otherwise (a laptop).
const executablePath =
  process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: "list",
  // Generous: the 2-core CI machine is often busy with other jobs; a quiet run needs a fraction.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node --import tsx tests/e2e/support/serve.ts",
    url: `http://127.0.0.1:${PORT}/healthz`,
    // A first start seeds the demo data: about a minute idle, several on a busy machine.
    timeout: 600_000,
    reuseExistingServer: false,
    // Server log lines at LOG_LEVEL (warn by default) show next to the test output.
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets serve.ts stop the server and drop its PostgreSQL database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      NODE_ENV: "production",
      DEMO: "1",
      PORT: String(PORT),
      PUBLIC_URL: baseURL,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
    },
  },
});
