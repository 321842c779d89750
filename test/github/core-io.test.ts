/**
 * Through the real @actions/core: annotations are `::error file=…,line=…,col=…::` workflow
 * commands on stdout, outputs go to GITHUB_OUTPUT, the summary to GITHUB_STEP_SUMMARY.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { coreIO } from '../../src/github/core-io.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { FakeEngine } from './fakes.js';
import { pullRequestEvent, runWithFakes } from './harness.js';

let github: FakeGitHub;
let dir: string;
const saved = { ...process.env };
const savedExitCode = process.exitCode;

beforeEach(async () => {
  github = await startFakeGitHub();
  dir = mkdtempSync(join(tmpdir(), 'idc-gitops-core-'));
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    process.env[name] = join(dir, name);
    writeFileSync(process.env[name]!, '');
  }
  process.env['INPUT_CONFIG'] = 'access.yaml';
  process.env['INPUT_GITHUB-TOKEN'] = 'ghs_workflowtoken';
});

afterEach(async () => {
  await github.close();
  rmSync(dir, { recursive: true, force: true });
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'INPUT_CONFIG', 'INPUT_GITHUB-TOKEN']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  process.exitCode = savedExitCode; // core.setFailed sets it
  vi.restoreAllMocks();
});

it('an invalid file gives ::error annotations with file, line and column, outputs and a failed step', async () => {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const engine = new FakeEngine();
  engine.diagnostics = [{ file: 'access.yaml', line: 14, col: 9, severity: 'error', message: 'permission set "Admin" is not defined' }];

  const run = await runWithFakes({ github, engine, io: coreIO(), eventName: 'pull_request', payload: pullRequestEvent(3) });

  vi.mocked(process.stdout.write).mockRestore();
  expect(run.ok).toBe(false);
  const stdout = written.join('');
  expect(stdout).toContain('::error file=access.yaml,line=14,col=9::permission set "Admin" is not defined');
  expect(stdout).toMatch(/::error::access\.yaml has 1 error/);
  expect(process.exitCode).toBe(1);
  const outputs = readFileSync(process.env['GITHUB_OUTPUT']!, 'utf8');
  expect(outputs).toContain('failure-reason');
  expect(outputs).toContain('invalid-config');
  expect(readFileSync(process.env['GITHUB_STEP_SUMMARY']!, 'utf8')).toContain('is not valid');
  // The token was masked.
  expect(stdout).toContain('::add-mask::ghs_workflowtoken');
});
