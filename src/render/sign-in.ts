/**
 * How a user created by apply gets in. Identity Center sends no invitation email to users created
 * through the identity store API (aws-sdk-js #4226, terraform-provider-aws #28102; see
 * identity-center-facts.md): they set a password with "Forgot password" on the sign-in page, or an
 * administrator sends the email from the console. Rendered for the terminal (`idc apply`) and as
 * markdown (the Action's comment and job summary): one text, two escapings.
 */
import type { User } from '../model/identity.js';
import { defaultSessionName } from '../profiles/build.js';
import type { Plan } from '../plan/types.js';
import { escapeMarkdown, inlineCode, plainText } from './escape.js';

export interface SignInOptions {
  /** The AWS access portal URL. */
  startUrl: string;
  format: 'text' | 'markdown';
  /** The plan read again after apply: users whose creation is still in it were not created. */
  remaining?: Plan;
}

interface NewUser {
  userName: string;
  after?: User;
}

/** Users the plan creates and the fresh plan no longer does, sorted by name. */
function createdUsers(plan: Plan, remaining: Plan | undefined): NewUser[] {
  const pending = new Set((remaining?.changes ?? []).flatMap((c) => (c.kind === 'user' && c.action === 'create' ? [c.userName] : [])));
  return plan.changes
    .flatMap((c) =>
      c.kind === 'user' && c.action === 'create' && !pending.has(c.userName) ? [{ userName: c.userName, ...(c.after ? { after: c.after } : {}) }] : [],
    )
    .sort((a, b) => (a.userName < b.userName ? -1 : a.userName > b.userName ? 1 : 0));
}

/** A word for a POSIX shell: as is when it is plain, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function profilesCommand(plan: Plan, userName: string): string {
  return `idc profiles ${shellWord(plan.configFile)} --user ${shellWord(userName)} --merge ~/.aws/config`;
}

const PASSWORD =
  'choose "Forgot password" and set a password with the link AWS emails (or an administrator sends it: ' +
  'IAM Identity Center console → Users → the user → Reset password → send an email)';

/** The instructions, or '' when apply created no user. Ends with a newline when not empty. */
export function renderSignIn(plan: Plan, options: SignInOptions): string {
  const users = createdUsers(plan, options.remaining);
  if (users.length === 0) return '';
  const session = defaultSessionName(options.startUrl);
  const who = (u: NewUser, esc: (s: string) => string): string => (u.after ? ` (${esc(u.after.displayName)}, ${esc(u.after.email)})` : '');

  if (options.format === 'markdown') {
    return (
      [
        `#### First sign-in for ${users.length === 1 ? 'the new user' : `the ${users.length} new users`}`,
        'AWS sends no invitation email to users created through the API. Each new user:',
        [
          `1. opens the AWS access portal ${inlineCode(options.startUrl)} and enters their user name;`,
          `2. ${escapeMarkdown(PASSWORD)};`,
          `3. writes their AWS CLI profiles (\`idc profiles\`), then signs in with ${inlineCode(`aws sso login --sso-session ${session}`)}:`,
        ].join('\n'),
        users.map((u) => `- **${escapeMarkdown(u.userName)}**${who(u, escapeMarkdown)}: ${inlineCode(profilesCommand(plan, u.userName))}`).join('\n'),
      ].join('\n\n') + '\n'
    );
  }
  const lines = [
    `First sign-in for ${users.length === 1 ? 'the new user' : `the ${users.length} new users`}: AWS sends no invitation email to users created through the API.`,
    `  1. Open the AWS access portal ${plainText(options.startUrl)} and enter the user name.`,
    `  2. ${PASSWORD[0]?.toUpperCase()}${PASSWORD.slice(1)}.`,
    '  3. Write the AWS CLI profiles and sign in:',
    ...users.map((u) => `       ${plainText(profilesCommand(plan, u.userName))}    # ${plainText(u.userName)}${who(u, plainText)}`),
    `       aws sso login --sso-session ${plainText(session)}`,
  ];
  return `${lines.join('\n')}\n`;
}
