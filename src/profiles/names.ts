/** Profile names: predictable, from a template such as `{account}-{permission_set}`. */
import type { Reach } from './reach.js';

export const DEFAULT_NAME_TEMPLATE = '{account}-{permission_set}';

const PLACEHOLDERS = ['account', 'account_id', 'permission_set'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * Characters the AWS SDK for JavaScript accepts in a `[profile NAME]` header (its shared-ini
 * parser's `prefixKeyRegex` in @smithy/core/config: `[\w-@+.%:/]`); a profile with any other
 * character is silently not a profile for it. Others become `-`.
 */
const NOT_ALLOWED = /[^\w\-@+.%:/]/g;

/** Problems with a template (unknown or missing placeholders), for the command line. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  for (const m of template.matchAll(/\{([^}]*)\}/g)) {
    const name = m[1] ?? '';
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(`unknown placeholder {${name}} (use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
    }
  }
  if (!template.includes('{permission_set}')) problems.push('it must contain {permission_set}, or every permission set of an account gets the same name');
  if (!template.includes('{account}') && !template.includes('{account_id}')) {
    problems.push('it must contain {account} or {account_id}, or every account gets the same name');
  }
  return problems;
}

export function profileName(template: string, reach: Reach): string {
  const values: Record<Placeholder, string> = {
    account: reach.accountName,
    account_id: reach.accountId,
    permission_set: reach.permissionSet,
  };
  return template.replace(/\{(account|account_id|permission_set)\}/g, (_, p: Placeholder) => values[p]).replace(NOT_ALLOWED, '-');
}

/** Name → reach; throws when two reaches get the same name (say which, and what to change). */
export function nameProfiles(template: string, reaches: readonly Reach[]): Map<string, Reach> {
  const named = new Map<string, Reach>();
  for (const reach of reaches) {
    const name = profileName(template, reach);
    const other = named.get(name);
    if (other) {
      throw new Error(
        `two profiles would be named "${name}" (${other.permissionSet} on ${other.accountId} and ${reach.permissionSet} on ${reach.accountId}): ` +
          'use a --name-template with {account_id}',
      );
    }
    named.set(name, reach);
  }
  return named;
}
