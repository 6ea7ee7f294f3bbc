import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'e2e', testIgnore: /force-install\.spec\.ts$/ },
    // Its ExtensionInstallForcelist policy is machine-wide: any Chromium started beside it would install the
    // extension too, so it runs only after every other spec has finished. Naming its file alone still runs
    // the whole 'e2e' project first; add --no-deps to run just it.
    { name: 'force-install', testMatch: /force-install\.spec\.ts$/, dependencies: ['e2e'] },
  ],
});
