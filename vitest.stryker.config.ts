import { configDefaults, defineConfig } from 'vitest/config';
import { E2E, FUZZ } from './vitest.config.js';

// The test set Stryker runs against each mutant of src/plan/ and src/config/rules/ (`npm run
// mutation`): the in-process unit tests that exercise the planner and the config rules. The e2e
// tests (emulator, bundled dist/, spawned CLI) are left out: they would run the unmutated bundle
// or a child process, and would make every mutant take seconds. Of test/render/, only the tests that
// show a whole plan (golden, sent-together) are here: markdown.test.ts and safety.test.ts test the
// escaping and layout of src/render/ (not mutated) on large plans, seconds per mutant.
// The fuzz tests (`*.fuzz.test.ts`: test/config/validate.fuzz.test.ts) are left out too: its 1,000
// random files cover every rule, so it would run (minutes under coverage instrumentation; it timed
// out the initial test run at 130 s) for every mutant of src/config/rules/, and a kill by a random
// file is not a kill the next run repeats. It checks that validate never crashes and always gives
// a position; the rules' messages and positions are asserted by the deterministic tests in
// test/config/. The property tests (`*.property.test.ts`) under test/plan/ stay: they kill mutants.
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
    // By the same file-name rules as vitest.config.ts, so a new e2e or fuzz file stays out of it.
    exclude: [...configDefaults.exclude, ...E2E, ...FUZZ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
