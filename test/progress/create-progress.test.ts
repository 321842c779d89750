import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/progress/create-progress.js';
import { FakeTerminal } from './fake-terminal.js';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createProgress on a terminal', () => {
  it('rewrites one live line per phase and keeps the final line', () => {
    const term = new FakeTerminal({ isTTY: true, columns: 120 });
    const c = clock();
    const progress = createProgress(term, { now: c.now });
    const phase = progress.phase('create assignments', 1000);
    expect(term.screen).toEqual(['create assignments  0/1000']);
    c.advance(7_600);
    phase.tick(310);
    phase.tick(2, true);
    expect(term.screen.map(strip)).toEqual(['create assignments  312/1000  2 failed  41/s  ETA 17s']);
    c.advance(50);
    phase.tick(1); // within 100 ms of the last redraw: not drawn yet
    expect(term.screen.map(strip)).toEqual(['create assignments  312/1000  2 failed  41/s  ETA 17s']);
    c.advance(16_350);
    phase.tick(685);
    phase.end('998 done, 2 failed');
    const next = progress.phase('delete assignments', 3);
    progress.info('Reading the state again');
    expect(term.screen.map(strip)).toEqual(['create assignments: 998 done, 2 failed (24s)', 'Reading the state again', 'delete assignments  0/3']);
    next.tick(3);
    next.end();
    progress.close();
    expect(term.screen.map(strip)).toEqual([
      'create assignments: 998 done, 2 failed (24s)',
      'Reading the state again',
      'delete assignments: 3/3 done (0.0s)',
      '',
    ]);
  });

  it('shows phases that run at the same time on their own lines', () => {
    const term = new FakeTerminal({ isTTY: true });
    const c = clock();
    const progress = createProgress(term, { now: c.now });
    const users = progress.phase('read users');
    const sets = progress.phase('read permission sets', 20);
    c.advance(200);
    users.tick(50);
    c.advance(200);
    sets.tick(5);
    expect(term.screen).toEqual(['read users  50', 'read permission sets  5/20']);
    users.end('50 users');
    expect(term.screen).toEqual(['read users: 50 users (0.4s)', 'read permission sets  5/20']);
  });

  it('cuts live lines to the terminal width', () => {
    const term = new FakeTerminal({ isTTY: true, columns: 20 });
    const progress = createProgress(term, { now: () => 0 });
    progress.phase('create and update permission sets', 4);
    expect(term.screen).toEqual(['create and update …']);
  });
});

describe('createProgress in logs', () => {
  it('prints a start line, at most one line per interval, and a summary', () => {
    const log = new FakeTerminal();
    const c = clock();
    const progress = createProgress(log, { now: c.now, intervalMs: 10_000 });
    const phase = progress.phase('create assignments', 1000);
    for (let i = 0; i < 312; i++) {
      c.advance(100);
      phase.tick(1, i < 2);
    }
    phase.end('998 done, 2 failed');
    progress.info('done');
    expect(log.raw).toBe(
      [
        'create assignments: 1000 to do',
        'create assignments: 100/1000 (2 failed)',
        'create assignments: 200/1000 (2 failed)',
        'create assignments: 300/1000 (2 failed)',
        'create assignments: 998 done, 2 failed (31s)',
        'done',
        '',
      ].join('\n'),
    );
    expect(log.raw).not.toContain('\x1b');
    expect(log.raw).not.toContain('\r');
  });

  it('follows the stream: a stream without isTTY gets plain lines', () => {
    const log = new FakeTerminal();
    const progress = createProgress(log, { now: () => 0 });
    const phase = progress.phase('read users');
    phase.tick(5);
    phase.end();
    expect(log.raw).toBe('read users: 5 done (0.0s)\n');
  });
});

function strip(line: string): string {
  return line.replace(/\x1b\[[0-9;]*m/g, '');
}
