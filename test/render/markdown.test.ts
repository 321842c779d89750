import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { escapeMarkdown } from '../../src/render/escape.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { desired, group, live, liveUser, NOW, permissionSet, rule, user } from '../plan/builders.js';

const ZWJ = '\u200D';

describe('escapeMarkdown', () => {
  it('neutralises HTML, markdown, mentions, issue links, pipes, newlines and bidi overrides', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('a & b')).toBe('a &amp; b');
    expect(escapeMarkdown('[click](https://evil.example) **bold** _i_ `code` ~~s~~ $x$')).toBe(
      `\\[click\\](https:${ZWJ}//evil.example) \\*\\*bold\\*\\* \\_i\\_ \\\`code\\\` \\~\\~s\\~\\~ \\$x\\$`,
    );
    expect(escapeMarkdown('ping @octocat and @acme/admins')).toBe(`ping @${ZWJ}octocat and @${ZWJ}acme/admins`);
    expect(escapeMarkdown('jonathan@example.com')).toBe('jonathan@example.com');
    expect(escapeMarkdown('fixes #123, org/repo#7 and GH-9')).toBe(`fixes \\#${ZWJ}123, org/repo\\#${ZWJ}7 and GH-${ZWJ}9`);
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    // Newlines and bidi overrides are shown as escapes (the backslash itself escaped for markdown).
    expect(escapeMarkdown('line1\nline2\r\n| x |')).toBe('line1\\\\nline2\\\\r\\\\n\\| x \\|');
    expect(escapeMarkdown('admin\u202Etxt.exe')).toBe('admin\\\\u202etxt.exe');
    expect(escapeMarkdown('back\\slash')).toBe('back\\\\slash');
  });
});

/** A plan whose every name and description is an injection attempt. */
function hostilePlan() {
  const evil = {
    user: 'mallory@evil',
    group: '<script>alert(1)</script>',
    set: 'Evil|Set',
    desc: 'pwn @octocat #1 ```\n| a | b |\n<details open>[x](javascript:alert(1))\u001b[31mred',
  };
  const d = desired({
    users: [user(evil.user, { displayName: '@everyone </td></tr></table>', email: 'x@y.z' })],
    groups: [group(evil.group, [evil.user], evil.desc)],
    permissionSets: [
      permissionSet(evil.set, { description: evil.desc, inlinePolicy: '{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"```\\n</details>"}]}' }),
    ],
    rules: [rule(0, { sets: [evil.set], groups: [evil.group], users: [evil.user], accounts: ['staging'] })],
  });
  return { evil, plan: buildPlan(d, live({ users: [liveUser('someone')] }), { now: NOW }).plan };
}

describe('renderMarkdown: injection attempts from access.yaml', () => {
  it('no raw HTML, no mention, no issue link, tables keep their shape', () => {
    const { plan } = hostilePlan();
    const md = renderMarkdown(plan);
    expect(md).not.toMatch(/<script|<\/td>|<details open|<table/i);
    expect(md).not.toMatch(/(^|[^\w])@(octocat|everyone)/);
    expect(md).not.toMatch(/(^|[^\\])#1\b/);
    expect(md).not.toContain('\u001b');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    // Every table row has exactly as many unescaped pipes as its header.
    const tables = md.split('\n\n').filter((b) => b.startsWith('| '));
    for (const t of tables) {
      const rows = t.split('\n');
      const count = (r: string): number => (r.match(/(?<!\\)\|/g) ?? []).length;
      for (const r of rows) expect(count(r), r).toBe(count(rows[0] as string));
    }
  });

  it('a policy containing backticks cannot close its code block', () => {
    const { plan } = hostilePlan();
    const md = renderMarkdown(plan);
    const fence = md.split('\n').find((l) => /^`{3,}diff$/.test(l));
    expect(fence).toBe('````diff');
    expect(md).toContain('\n````\n');
  });

  it('outside code blocks, the only HTML is ours: details, summary, sub, br', () => {
    const { plan } = hostilePlan();
    const prose = renderMarkdown(plan).replace(/^(`{3,})diff\n[\s\S]*?\n\1$/gm, '');
    const tags = [...prose.matchAll(/<\/?([a-z]+)/gi)].map((m) => m[1] as string);
    expect(tags.filter((t) => !['details', 'summary', 'sub', 'br'].includes(t))).toEqual([]);
  });

  it('the terminal text carries no escape sequences from values', () => {
    const { plan } = hostilePlan();
    expect(renderText(plan)).not.toContain('\u001b');
    expect(renderText(plan, { color: true })).not.toContain('\u001b[31mred');
  });

  it('refuses a run URL that is not plain https', () => {
    const { plan } = hostilePlan();
    expect(renderMarkdown(plan, { runUrl: 'javascript:alert(1)' })).not.toMatch(/(?<!\\)\]\(javascript:/);
  });
});

describe('renderMarkdown: size limit', () => {
  // Built once (a second or more): the tests only read it.
  let huge: Plan | undefined;
  function hugePlan(): Plan {
    if (huge) return huge;
    const users = Array.from({ length: 1500 }, (_, i) => user(`user${String(i).padStart(4, '0')}`));
    const d = desired({
      users,
      permissionSets: [permissionSet('ReadOnly'), permissionSet('Admin')],
      rules: [rule(0, { sets: ['ReadOnly', 'Admin'], users: users.map((u) => u.userName), all: true })],
    });
    huge = buildPlan(d, live(), { now: NOW }).plan;
    return huge;
  }

  it('stays under the limit with a clear note pointing to the job summary', () => {
    const plan = hugePlan();
    expect(plan.changes.length).toBeGreaterThan(10_000);
    const md = renderMarkdown(plan, { runUrl: 'https://github.com/acme/access/actions/runs/42' });
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md).toContain(
      '**… truncated:** this plan is too long for a comment. The full plan is in the job summary of [this run](https://github.com/acme/access/actions/runs/42).',
    );
    expect(md).toContain('more access changes: see the job summary');
    expect(md).toMatch(/^## idc plan\n\n\*\*\+13502 ~0 -0\*\*/);
  });

  it('honours a smaller maxChars, and is untouched when it fits', () => {
    const plan = hugePlan();
    expect(renderMarkdown(plan, { maxChars: 5_000 }).length).toBeLessThanOrEqual(5_000);
    const { plan: small } = hostilePlan();
    expect(renderMarkdown(small)).not.toContain('truncated');
  });

  it('collapses long detail sections in <details>', () => {
    const users = Array.from({ length: 20 }, (_, i) => user(`u${i}`));
    const { plan } = buildPlan(desired({ users }), live(), { now: NOW });
    expect(renderMarkdown(plan)).toContain('<details><summary>20 changes: 20 to create</summary>');
  });
});
