import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: in-process tests of the code (the fast loop: `npm run test:unit`).
 * `e2e`: everything that starts the emulator, a child process or the bundle; its globalSetup
 * rebuilds dist/ first. `npm test` runs both.
 */
const E2E = [
  'test/e2e/**/*.test.ts',
  'test/emulator/**/*.test.ts',
  'test/release/**/*.test.ts',
  'test/demo/**/*.test.ts',
  // These talk to the emulator through the real SDK.
  'test/aws/hardening.test.ts',
  'test/cli/apply-sign-in.test.ts',
  'test/cli/plan-format.test.ts',
  'test/cli/plan-safety.test.ts',
  'test/export/round-trip.test.ts',
  'test/profiles/profiles-cli.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E } },
      { extends: true, test: { name: 'e2e', include: E2E, globalSetup: ['test/e2e/build-bundle.ts'] } },
    ],
  },
});
