/**
 * `idc plan --format markdown` is the pull request comment, byte for byte: the Action runs on a
 * pull request with the same engine (the emulator) and the real renderer, and its comment is
 * compared with what the CLI prints.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdc, type IdcResult } from './run-idc.js';
import { runAction } from '../../src/github/action.js';
import { createGitHubClient } from '../../src/github/client.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { startE2E, type E2E } from '../e2e/harness.js';
import { readWorldFile } from '../../emulator/index.js';
import { startFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { FakeIO } from '../github/fakes.js';
import { pullRequestEvent } from '../github/harness.js';

const ROOT = join(import.meta.dirname, '../..');
let e2e: E2E;
let github: FakeGitHub;

beforeAll(async () => {
  e2e = await startE2E({ world: await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')) });
  github = await startFakeGitHub();
});
afterAll(async () => {
  await e2e?.close();
  await github?.close();
});

function idc(...argv: string[]): Promise<IdcResult> {
  return runIdc(argv, { cwd: ROOT, engine: e2e.engine });
}

describe('idc plan --format', () => {
  it('markdown prints exactly the comment the Action posts on a pull request', async () => {
    github.addPull({ number: 5 });
    const env = {
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/access',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: '/github/workflow/event.json',
      GITHUB_SHA: 'c'.repeat(40),
      GITHUB_REF: 'refs/pull/5/merge',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token',
    };
    const result = await runAction({
      engine: e2e.engine,
      github: (inputs) => createGitHubClient(inputs.githubToken, github.url),
      // A full plan, as `idc plan` without --base makes.
      io: new FakeIO({ scope: 'full' }),
      env,
      renderPlanMarkdown: renderMarkdown,
      readEventFile: async () => JSON.stringify(pullRequestEvent(5)),
    });
    expect(result.ok).toBe(true);
    const comment = github.commentsOn(5)[0]?.body;
    expect(comment).toContain('UploadBackups');

    const r = await idc('plan', '--format', 'markdown', '--quiet', 'access.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`${comment}\n`);
  });

  it('json is --json, text is the default, anything else is a usage error', async () => {
    const json = await idc('plan', '--format', 'json', '--quiet', 'access.yaml');
    expect(json.stdout).toBe((await idc('plan', '--json', '--quiet', 'access.yaml')).stdout);
    expect(JSON.parse(json.stdout)).toMatchObject({ formatVersion: 2 });
    expect((await idc('plan', '--format', 'text', '--quiet', 'access.yaml')).stdout).toBe((await idc('plan', '--quiet', 'access.yaml')).stdout);
    const bad = await idc('plan', '--format', 'html', 'access.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format must be one of text, markdown, json, not "html"');
  });
});
