/**
 * Runs around every file of the unit project, whose files share their worker's modules and process
 * (`isolate: false` in vitest.config.ts): a file that leaves the environment, the working
 * directory or the exit code changed fails here, naming what it left, instead of changing what
 * the files after it see.
 */
import { afterAll, beforeAll, expect, vi } from 'vitest';

let env: Record<string, string | undefined> = {};
let cwd = '';
let exitCode: typeof process.exitCode;

beforeAll(() => {
  env = { ...process.env };
  cwd = process.cwd();
  exitCode = process.exitCode;
});

afterAll(() => {
  vi.unstubAllEnvs(); // vi.stubEnv is undone for the next file anyway (unstubEnvs)
  expect({ ...process.env }, 'this file left process.env changed: restore it after the test, or use vi.stubEnv').toEqual(env);
  expect(process.cwd(), 'this file left the working directory changed').toBe(cwd);
  expect(process.exitCode, 'this file left process.exitCode set: restore it after the test').toBe(exitCode);
});
