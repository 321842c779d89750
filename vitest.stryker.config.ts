import { configDefaults, defineConfig } from 'vitest/config';

// The test set Stryker runs against each mutant of src/plan/ and src/config/rules/ (`npm run
// mutation`): the in-process unit tests that exercise the planner and the config rules. The e2e
// tests (emulator, bundled dist/, spawned CLI) are left out: they would run the unmutated bundle
// or a child process, and would make every mutant take seconds. Of test/render/, only the tests that
// show a whole plan (golden, sent-together) are here: markdown.test.ts and safety.test.ts test the
// escaping and layout of src/render/ (not mutated) on large plans, seconds per mutant.
// test/config/fuzz.test.ts is left out too: its 1,000 random files cover every rule, so it would run
// (minutes under coverage instrumentation; it timed out the initial test run at 130 s) for every
// mutant of src/config/rules/, and a kill by a random file is not a kill the next run repeats. It
// checks that validate never crashes and always gives a position; the rules' messages and positions
// are asserted by the deterministic tests in test/config/.
export default defineConfig({
  test: {
    include: [
      'test/plan/**/*.test.ts',
      'test/config/**/*.test.ts',
      'test/render/golden.test.ts',
      'test/render/sent-together.test.ts',
      'test/model/**/*.test.ts',
      'test/github/plan-safety.test.ts',
    ],
    exclude: [...configDefaults.exclude, 'test/config/fuzz.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
