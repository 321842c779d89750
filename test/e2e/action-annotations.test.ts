/**
 * GitHub's annotation cap, with the real @actions/core in dist/index.js: an access.yaml with 15
 * errors gives exactly 10 `::error` workflow commands (8 on the file, one "N more", and the one
 * setFailed writes), and the job summary lists all 15 with their positions.
 *
 * dist/ must be current (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readWorldFile } from '../../emulator/index.js';
import { ACTION, annotations, pullRequestPayload, ROOT, runAction, sha, startActionWorld, type ActionWorld } from './action-harness.js';

let w: ActionWorld;
beforeAll(async () => {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run npm run build`);
  w = await startActionWorld(await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')));
});
afterAll(async () => {
  await w?.close();
});

it('15 errors in access.yaml: 10 error annotations in all, the summary lists the 15', async () => {
  const example = await readFile(join(ROOT, 'access.yaml'), 'utf8');
  const names = Array.from({ length: 15 }, (_, i) => `ghost${String(i).padStart(2, '0')}`);
  const broken = example.concat(names.map((n) => `  - permission_set: ReadOnly\n    users: [${n}]\n    accounts: [management]\n`).join(''));
  await w.writeConfig(broken);
  w.github.addPull({ number: 1, commits: [sha('a')] });
  const run = await runAction(w, { eventName: 'pull_request', payload: pullRequestPayload(1, { headSha: sha('a') }), sha: sha('1') });

  expect(run.code, run.stdout).toBe(1);
  expect(run.outputs['failure-reason']).toBe('invalid-config');
  const errors = annotations(run.stdout);
  expect(errors).toHaveLength(10);
  expect(errors.filter((e) => e.props['file'] === 'access.yaml')).toHaveLength(8);
  expect(errors.map((e) => e.message)).toContain('7 more errors not shown as annotations (GitHub shows 10 per step): see the job summary for the full list.');
  const section = run.summary.slice(run.summary.indexOf('### All 15 annotations'));
  expect(section).toContain('7 of these are not shown on the files');
  const lines = broken.split('\n');
  for (const n of names) {
    const line = lines.findIndex((l) => l.includes(`[${n}]`)) + 1;
    expect(section).toMatch(new RegExp(`access\\.yaml:${line}:\\d+ \\*\\*error\\*\\*: .*${n}`));
  }
});
