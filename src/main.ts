/**
 * The Action as GitHub runs it: the real engine (credentials from OIDC when `role-to-assume` is
 * given, else the default chain), the real Octokit (GITHUB_API_URL) and @actions/core, wired into
 * `runAction`. Everything else lives in src/github/.
 */
import { createEngine } from './engine.js';
import { runAction } from './github/action.js';
import { createGitHubClient } from './github/client.js';
import { coreIO } from './github/core-io.js';
import { actionNameCache } from './github/name-cache.js';
import { oidcCredentials, sessionName, subjectHint } from './github/credentials.js';
import { renderMarkdown } from './render/markdown.js';

export async function run(): Promise<void> {
  const io = coreIO();
  const env = process.env;
  await runAction({
    io,
    env,
    renderPlanMarkdown: renderMarkdown,
    engine: (inputs, ctx) => {
      const nameCache = actionNameCache(inputs, ctx, env, io, process.cwd());
      return createEngine({
        ...(inputs.awsRegion ? { region: inputs.awsRegion } : {}),
        ...(nameCache ? { nameCache } : {}),
        ...(inputs.roleToAssume
          ? {
              credentials: oidcCredentials({
                io,
                roleArn: inputs.roleToAssume,
                ...(inputs.awsRegion ? { region: inputs.awsRegion } : {}),
                repository: `${ctx.owner}/${ctx.repo}`,
                subjectHint: subjectHint(ctx.eventName, ctx.ref),
                sessionName: sessionName(env['GITHUB_RUN_ID']),
              }),
            }
          : {}),
      });
    },
    github: (inputs) => createGitHubClient(inputs.githubToken, env['GITHUB_API_URL'], { commentAuthor: inputs.commentAuthor }),
  });
}
