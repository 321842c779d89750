/** The safety verdict at the top of the rendered plan: first, complete, escaped, and absent when safe. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan, SafetyRefusal } from '../../src/plan/types.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { desired, live, NOW, permissionSet, rule, user } from '../plan/builders.js';
import { examplePlan, unsafePlan } from './plans.js';

const HOSTILE: SafetyRefusal = {
  code: 'protected-assignment-removed',
  message: 'plan deletes protected assignment <script>alert(1)</script> → group @octocat #1\n| x | on [a](javascript:alert(1)) \u001b[31mred',
  forceOverrides: true,
  pos: { file: 'access.yaml', line: 9, col: 7 },
};
const withRefusals = (plan: Plan, refusals: SafetyRefusal[]): Plan => ({ ...plan, safety: { safe: refusals.length === 0, refusals } });

describe('the safety verdict in the pull request comment', () => {
  it('starts the comment, before the heading, with every refusal and whether force overrides it', () => {
    const md = renderMarkdown(unsafePlan());
    const top = md.slice(0, md.indexOf('## idc plan'));
    expect(md.startsWith('> [!CAUTION]\n> **Apply will refuse this plan**: 3 safety checks fail.')).toBe(true);
    expect(top).toContain('**too many deletions (safety.max\\_deletes)** (access.yaml:3): plan deletes 2 objects');
    expect(top).toContain('**protected assignment deleted (safety.protected)** (access.yaml:5): plan deletes protected assignment Admin → user ann');
    expect(top).toContain('**self-lockout**: plan removes the access of the credentials running apply (user bob');
    expect(top).toContain('never a self-lockout');
  });

  it('says nothing about safety for a safe plan', () => {
    const plan = examplePlan();
    expect(plan.safety).toEqual({ safe: true, refusals: [] });
    expect(renderMarkdown(plan)).not.toMatch(/CAUTION|refuse/);
    expect(renderText(plan)).not.toMatch(/refuse/);
  });

  it('escapes the messages: no HTML, mention, issue link, link, control character or broken quote', () => {
    const md = renderMarkdown(withRefusals(examplePlan(), [HOSTILE]));
    const top = md.slice(0, md.indexOf('## idc plan'));
    expect(top).not.toMatch(/<script|(^|[^\w])@octocat|(^|[^\\])#1\b|(?<!\\)\]\(javascript:|\u001b/);
    for (const line of top.trimEnd().split('\n')) expect(line.startsWith('>'), line).toBe(true);
    const text = renderText(withRefusals(examplePlan(), [HOSTILE]), { color: true });
    expect(text).not.toContain('\u001b[31mred');
  });

  it('stays at the top of a plan too long for a comment', () => {
    const users = Array.from({ length: 1500 }, (_, i) => user(`user${String(i).padStart(4, '0')}`));
    const d = desired({
      users,
      permissionSets: [permissionSet('ReadOnly')],
      rules: [rule(0, { sets: ['ReadOnly'], users: users.map((u) => u.userName), all: true })],
    });
    const huge = withRefusals(buildPlan(d, live(), { now: NOW }).plan, [
      { code: 'max-deletes-exceeded', message: 'plan deletes 12 objects; safety.max_deletes is 10', forceOverrides: true },
    ]);
    for (const maxChars of [60_000, 3_000]) {
      const md = renderMarkdown(huge, { maxChars });
      expect(md.length).toBeLessThanOrEqual(maxChars);
      expect(md).toContain('truncated');
      expect(md.startsWith('> [!CAUTION]\n> **Apply will refuse this plan**: a safety check fails.')).toBe(true);
      expect(md).toContain('plan deletes 12 objects; safety.max\\_deletes is 10');
    }
  });
});

describe('the safety verdict in the terminal', () => {
  it('comes right after the title, marking what --force cannot override', () => {
    const lines = renderText(unsafePlan()).split('\n');
    expect(lines.slice(0, 3)).toEqual(['idc plan: access.yaml', '', 'Apply will refuse this plan (safety checks):']);
    expect(lines).toContain('  x self-lockout [--force does not override this]');
    expect(lines).toContain('  x too many deletions (safety.max_deletes) (access.yaml:3)');
  });
});
