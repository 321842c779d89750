import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects, chosen by file name alone (CONTRIBUTING.md, "Tests"); `npm test` runs all three.
 *
 * - `e2e` (`npm run test:e2e`): everything that starts the emulator, a child process or the
 *   bundle: the folders below, and `*.e2e.test.ts` anywhere. Its globalSetup rebuilds dist/ first.
 * - `property` (`npm run test:property`): fast-check properties with hundreds of runs
 *   (`*.property.test.ts`) and the fuzz tests (`*.fuzz.test.ts`; `npm run fuzz` runs 10,000 files).
 * - `unit` (`npm run test:unit`, the fast loop): every other `*.test.ts`, in-process.
 */
export const E2E = ['test/{e2e,emulator,release,demo}/**/*.test.ts', 'test/**/*.e2e.test.ts'];
export const FUZZ = ['test/**/*.fuzz.test.ts'];
const PROPERTY = ['test/**/*.property.test.ts', ...FUZZ];

/**
 * The unit files share their worker's module cache (`isolate: false`): the AWS SDK, ajv with the
 * compiled schema and the IAM catalogue load once per worker instead of once per file (imports
 * were most of the unit project's time: 58 s of CPU for its 88 files with a fresh module graph
 * each, 13 s shared). That is safe because unit tests hold no state across files: none uses
 * `vi.mock`, fake timers or `process.chdir`; the module-level state in src/ is memoised pure data
 * (compiled schema, glob regexes, catalogue indexes); the one test that sets process.env and
 * process.exitCode (test/github/core-io.test.ts) restores them after each test, the
 * aws-sdk-client-mock files restore the clients' `send` after their last test, and spies and stubs
 * are restored before each test. test/unit-setup.ts fails a file that leaves process.env, the
 * working directory or process.exitCode changed. The AWS SDK's Node version note is printed once
 * per process (src/cli/runtime.ts sets its variable): it is off here, as in the e2e harnesses, so
 * no test's output depends on which file ran first in a worker.
 */
const UNIT = {
  name: 'unit',
  include: ['test/**/*.test.ts'],
  exclude: [...configDefaults.exclude, ...E2E, ...PROPERTY],
  isolate: false,
  setupFiles: ['test/unit-setup.ts'], // fails a file that leaves process.env, cwd or exitCode changed
  restoreMocks: true,
  unstubEnvs: true,
  unstubGlobals: true,
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
};

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: UNIT },
      { extends: true, test: { name: 'property', include: PROPERTY, exclude: [...configDefaults.exclude, ...E2E] } },
      { extends: true, test: { name: 'e2e', include: E2E, globalSetup: ['test/e2e/build-bundle.ts'] } },
    ],
  },
});
