/** `report: true` on a drift run: the access report as a file (report-path output) and in the job summary. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Report } from '../../src/report/types.js';
import { desired, group, live, liveAssignment, liveGroup, livePermissionSet, liveUser, NOW, permissionSet, PROD_APP, rule, user } from '../plan/builders.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { FakeEngine, FakeIO } from './fakes.js';
import { pushEvent, runWithFakes } from './harness.js';

let github: FakeGitHub;
let temp: string;
beforeEach(async () => {
  github = await startFakeGitHub();
  temp = await mkdtemp(join(tmpdir(), 'idc-runner-temp-'));
});
afterEach(async () => {
  await github.close();
  await rm(temp, { recursive: true, force: true });
});

/** A file granting ops Admin on prod-app; AWS also has bob's Admin by hand (drift). */
function engineWithDrift(): FakeEngine {
  const engine = new FakeEngine();
  const d = desired({
    users: [user('alice'), user('bob')],
    groups: [group('ops', ['alice'])],
    permissionSets: [permissionSet('Admin')],
    rules: [rule(0, { sets: ['Admin'], groups: ['ops'], accounts: ['prod-app'] })],
  });
  const l = live({
    users: [liveUser('alice'), liveUser('bob')],
    groups: [liveGroup('ops', ['alice'])],
    permissionSets: [livePermissionSet('Admin')],
    assignments: [liveAssignment('Admin', 'GROUP', 'ops', PROD_APP), liveAssignment('Admin', 'USER', 'bob', PROD_APP)],
  });
  engine.state = { desired: d, live: l };
  engine.pending = buildPlan(d, l, { now: NOW }).plan;
  return engine;
}

describe('drift run with report: true', () => {
  it('writes the report to RUNNER_TEMP, names it in report-path, and shows it in the summary after the drift', async () => {
    const run = await runWithFakes({
      github,
      engine: engineWithDrift(),
      io: new FakeIO({ report: 'true' }),
      eventName: 'schedule',
      payload: pushEvent(),
      env: { RUNNER_TEMP: temp },
    });
    expect(run.failureReason).toBe('drift');
    const path = join(temp, 'idc-access-report.json');
    expect(run.io.outputs['report-path']).toBe(path);
    const report = JSON.parse(await readFile(path, 'utf8')) as Report;
    expect(report.kind).toBe('idc-access-report');
    expect(report.rows.map((r) => `${r.user} ${r.permissionSet} ${r.source} ${r.paths.map((p) => (p.drift === true ? 'drift' : p.source)).join(',')}`)).toEqual(
      ['alice Admin both both', 'bob Admin aws-only drift'],
    );
    const summary = run.io.summary;
    expect(summary.indexOf('Drift detected')).toBeLessThan(summary.indexOf('### Who can do what, where (access report)'));
    expect(summary).toContain('| bob | prod-app (222222222222) | Admin | aws-only | direct (aws-only: drift) |');
    expect(summary).toContain(`Report hash: \`${report.hash}\``);
  });

  it('without the input: no file, an empty report-path', async () => {
    const run = await runWithFakes({ github, engine: engineWithDrift(), eventName: 'schedule', payload: pushEvent(), env: { RUNNER_TEMP: temp } });
    expect(run.io.outputs['report-path']).toBe('');
    await expect(stat(join(temp, 'idc-access-report.json'))).rejects.toThrow();
    expect(run.io.summary).not.toContain('access report');
  });

  it('a bad value is refused with the input named', async () => {
    const run = await runWithFakes({ github, io: new FakeIO({ report: 'yes' }), eventName: 'schedule', payload: pushEvent() });
    expect(run.failureReason).toBe('invalid-input');
    expect(run.io.failed).toBe('Input "report" is "yes": expected true or false.');
  });
});
