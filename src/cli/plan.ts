/** `idc plan [path]`: read AWS, diff with access.yaml, print what would change. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { isEmptyPlan } from '../plan/hash.js';
import { renderJson } from '../render/json.js';
import type { PlanOutcome } from '../engine-contract.js';
import type { Command } from './command.js';
import { planFormat, renderPlanAs } from './plan-format.js';
import { configPath, engineFor, printDiagnostics, progressFor, cacheHelp, CACHE_OPTION, regionHelp, REGION_OPTION, useColor } from './runtime.js';
import { count, noun } from '../model/plural.js';
import { scopeHelp, scopeRequest, SCOPE_OPTIONS } from './scope-options.js';

/**
 * `idc plan` exit codes, like `terraform plan -detailed-exitcode` (0, 1, 2), plus 3: there are
 * changes and apply will refuse them (the plan's safety verdict), so a script or CI step that
 * treats only 0 and 2 as success stops there.
 */
export const PLAN_EXIT = { noChanges: 0, error: 1, changes: 2, unsafe: 3 } as const;

export const planCommand: Command = {
  name: 'plan',
  summary: 'Show what apply would change in Identity Center, and who gains or loses access',
  maxPositionals: 1,
  usageExitCode: PLAN_EXIT.error,
  options: {
    format: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    'expire-only': { type: 'boolean' },
    ...REGION_OPTION,
    ...SCOPE_OPTIONS,
    ...CACHE_OPTION,
    quiet: { type: 'boolean', short: 'q' },
  },
  help: `Usage: idc plan [path] [--format text|markdown|json] [--out FILE] [--expire-only] [--base REF|--base-file PATH|--full] [--no-cache] [--region R] [--quiet]

Reads the live state of AWS IAM Identity Center (users, groups, permission sets,
assignments, the organization's accounts), compares it with access.yaml and
prints the changes apply would make: who gains or loses which permission set on
which account, and through which rule. Nothing is changed. When apply would
refuse the plan (safety.max_deletes, safety.protected, or removing the access
of the credentials in use), that comes first, with the reasons.

Arguments:
  path          the file to plan (default: access.yaml)

Options:
  --format F    text (default): for a terminal
                markdown: the pull request comment the Action would post for
                this plan, exactly (preview it before pushing)
                json: the plan as JSON (format version 1)
  --json        the same as --format json
  --out FILE    also save the plan as JSON, e.g. for "idc apply --plan-hash FILE"
  --expire-only only the removals that expired rules cause (what
                "idc apply --expire-only" and the Action's expire mode apply)
${regionHelp(16)}
${scopeHelp(16)}
${cacheHelp(16)}
  -q, --quiet   no progress on stderr
  -h, --help    show this help

Credentials and region come from the usual AWS places: AWS_PROFILE (after
"aws sso login"; its region from ~/.aws/config), AWS_ACCESS_KEY_ID/...,
AWS_REGION, or identity_center.region in access.yaml. AWS_ENDPOINT_URL points
every call at another endpoint (the local emulator: npm run emulator).

Exit codes:
  0  no changes: Identity Center matches the file
  2  there are changes (see the output)
  3  there are changes, and idc apply will refuse them (see "Apply will refuse
     this plan" at the top; --force overrides all but a self-lockout)
  1  the file is invalid, AWS could not be read, or the command line is wrong
`,
  async run(args, io) {
    const path = configPath(args.positionals);
    const format = planFormat(args);
    const out = typeof args.values['out'] === 'string' ? args.values['out'] : undefined;
    const progress = progressFor(io, args.values['quiet'] === true);
    let outcome: PlanOutcome;
    try {
      const request = await scopeRequest(args, path, io.cwd);
      outcome = await engineFor(io, args, { nameCache: true }).plan(path, progress, { ...request, expiryOnly: args.values['expire-only'] === true });
    } finally {
      progress.close();
    }
    printDiagnostics(io, outcome.diagnostics);
    if (!outcome.ok) {
      io.stderr.write(`idc plan: ${path} cannot be planned: fix the problems above.\n`);
      return PLAN_EXIT.error;
    }
    const { plan } = outcome;
    if (out !== undefined) {
      await writeFile(resolve(io.cwd, out), renderJson(plan));
      io.stderr.write(`Plan saved to ${out} (hash ${plan.hash.slice(0, 12)}).\n`);
    }
    io.stdout.write(renderPlanAs(format, plan, { config: path, color: useColor(io) }));
    if (isEmptyPlan(plan)) return PLAN_EXIT.noChanges;
    if (!plan.safety.safe) {
      const n = plan.safety.refusals.length;
      io.stderr.write(`idc plan: idc apply will refuse this plan: ${count(n, 'safety check')} ${noun(n, 'fails', 'fail')} (see "safety" in the plan).
`);
      return PLAN_EXIT.unsafe;
    }
    return PLAN_EXIT.changes;
  },
};
