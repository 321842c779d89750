/**
 * GitHub shows 10 error and 10 warning annotations per step and drops the rest silently: the
 * Action never writes more than that (setFailed's error included), says how many more there are,
 * and lists every annotation in the job summary.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_STEP, capAnnotations, fitHeld } from '../../src/github/annotation-cap.js';
import { SummaryBuilder } from '../../src/github/summary.js';
import type { Diagnostic } from '../../src/model/source.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { FakeEngine, FakeIO } from './fakes.js';
import { pullRequestEvent, runWithFakes } from './harness.js';

const count = (io: FakeIO, level: 'error' | 'warning'): number => io.annotations.filter((a) => a.level === level).length;

describe('fitHeld', () => {
  it('writes all that fit, else keeps one slot for the "N more" note', () => {
    expect(fitHeld(3, 5, 0)).toEqual({ write: 3, more: 0 });
    expect(fitHeld(5, 5, 0)).toEqual({ write: 5, more: 0 });
    expect(fitHeld(6, 5, 0)).toEqual({ write: 4, more: 2 });
    expect(fitHeld(6, 8, 1)).toEqual({ write: 0, more: 6 });
  });
});

describe('capAnnotations', () => {
  it('for any mix of errors and warnings: at most 10 per level shown (setFailed counted), every one in the summary', () => {
    const call = fc.record({ level: fc.constantFrom('error' as const, 'warning' as const), message: fc.string({ minLength: 1, maxLength: 20 }) });
    fc.assert(
      fc.property(fc.array(call, { maxLength: 40 }), fc.boolean(), (calls, failing) => {
        const io = new FakeIO();
        const cap = capAnnotations(io);
        calls.forEach((c, i) => cap.io[c.level](`${i}:${c.message}`, { file: 'access.yaml', startLine: i + 1, startColumn: 1 }));
        const summary = new SummaryBuilder();
        cap.finish(summary, { failing });
        if (failing) io.error('the run failed'); // what core.setFailed writes
        for (const level of ['error', 'warning'] as const) {
          const asked = calls.filter((c) => c.level === level).length;
          const shown = count(io, level);
          expect(shown).toBeLessThanOrEqual(ANNOTATIONS_PER_STEP);
          const notes = io.annotations.filter((a) => a.level === level && /more .* not shown as annotations/.test(a.message));
          const real = shown - notes.length - (level === 'error' && failing ? 1 : 0);
          if (real < asked) {
            expect(notes).toHaveLength(1);
            expect(notes[0]!.message).toMatch(new RegExp(`^${asked - real} more`));
          } else {
            expect(notes).toHaveLength(0);
            expect(real).toBe(asked);
          }
        }
        const hidden = io.annotations.some((a) => /not shown as annotations/.test(a.message));
        const md = summary.isEmpty ? '' : summary.toMarkdown();
        // Nothing hidden: no extra summary section. Something hidden: all of them listed, by position.
        if (!hidden) expect(md).toBe('');
        else calls.forEach((_, i) => expect(md).toContain(`access.yaml:${i + 1}:1`));
      }),
    );
  });

  it('passes everything else through unchanged', () => {
    const io = new FakeIO({ config: 'x.yaml' });
    const cap = capAnnotations(io);
    cap.io.notice('n');
    cap.io.info('i');
    cap.io.setOutput('o', 'v');
    expect(cap.io.getInput('config')).toBe('x.yaml');
    expect(io.annotations).toEqual([{ level: 'notice', message: 'n' }]);
    expect(io.outputs).toEqual({ o: 'v' });
  });
});

describe('the Action with many problems in access.yaml', () => {
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    await github?.close();
  });

  it('shows 8 errors + "17 more" + the failure (10 in all), and lists all 25 in the summary, escaped', async () => {
    github = await startFakeGitHub();
    github.addPull({ number: 51 });
    const engine = new FakeEngine();
    const errors: Diagnostic[] = Array.from({ length: 25 }, (_, i) => ({
      file: 'access.yaml',
      line: i + 1,
      col: 3,
      severity: 'error' as const,
      message: `user *u${i}* is not defined`,
    }));
    const warnings: Diagnostic[] = Array.from({ length: 3 }, (_, i) => ({
      file: 'access.yaml',
      line: 40 + i,
      col: 1,
      severity: 'warning' as const,
      message: `w${i}`,
    }));
    engine.diagnostics = [...errors, ...warnings];
    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(51) });

    expect(run.failureReason).toBe('invalid-config');
    const shown = run.io.annotations.filter((a) => a.level === 'error');
    // 8 file errors + the note; setFailed (core writes it as an error annotation) makes the 10th.
    expect(shown).toHaveLength(ANNOTATIONS_PER_STEP - 1);
    expect(run.io.failed).toBeDefined();
    expect(shown.slice(0, 8).map((a) => a.properties?.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shown.at(-1)!.message).toBe('17 more errors not shown as annotations (GitHub shows 10 per step): see the job summary for the full list.');
    expect(count(run.io, 'warning')).toBe(3);
    const section = run.io.summary.slice(run.io.summary.indexOf('### All 28 annotations'));
    expect(section).toContain('17 of these are not shown on the files');
    for (let i = 0; i < 25; i++) expect(section).toContain(`access.yaml:${i + 1}:3 **error**: user \\*u${i}\\* is not defined`);
    expect(section).toContain('access.yaml:42:1 warning: w2');
  });
});
