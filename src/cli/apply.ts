/** `idc apply [path]`: plan, show the plan, confirm, apply, read again. */
import type { ApplyOutcome } from '../engine-contract.js';
import { renderJson } from '../render/json.js';
import { renderText } from '../render/text.js';
import type { CliIo, Command } from './command.js';
import { EXIT, UsageError } from './command.js';
import { askYes } from './confirm.js';
import { printApplyOutcome } from './apply-report.js';
import { planDifference, readReviewedPlan, type ReviewedPlan } from './reviewed-plan.js';
import { configPath, engineFor, printDiagnostics, progressFor, cacheHelp, CACHE_OPTION, regionHelp, REGION_OPTION, useColor } from './runtime.js';
import { count } from '../model/plural.js';
import { scopeHelp, scopeRequest, SCOPE_OPTIONS } from './scope-options.js';

export const applyCommand: Command = {
  name: 'apply',
  summary: 'Change Identity Center to match access.yaml (plans first, then asks)',
  maxPositionals: 1,
  options: {
    yes: { type: 'boolean', short: 'y' },
    'plan-hash': { type: 'string' },
    force: { type: 'boolean' },
    'expire-only': { type: 'boolean' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    ...REGION_OPTION,
    ...SCOPE_OPTIONS,
    ...CACHE_OPTION,
  },
  help: `Usage: idc apply [path] [--yes] [--plan-hash HASH|FILE] [--force] [--expire-only] [--json] [--base REF|--base-file PATH|--full] [--no-cache] [--region R]

Plans (as "idc plan" does), prints the plan, asks for confirmation on a
terminal, then changes AWS IAM Identity Center in a safe order: create users
and groups, memberships, permission sets and their edits, re-provision edited
sets once, create assignments, then delete assignments (waiting for each),
memberships, permission sets, users and groups. Afterwards it reads the state
again and says what, if anything, is left.

Arguments:
  path                the file to apply (default: access.yaml)

Options:
  -y, --yes           do not ask for confirmation
  --plan-hash VALUE   apply only if the fresh plan is the reviewed one: VALUE is
                      its hash (printed by "idc plan") or a file saved with
                      "idc plan --out"; with a file, a refusal lists what changed.
                      Implies --yes.
  --force             apply even when safety.max_deletes or safety.protected
                      would refuse, or the plan hash differs. A plan that removes
                      the access of the credentials doing the apply is refused
                      even with --force.
  --expire-only       apply only the removals that expired rules cause (their
                      assignments, where no other rule grants them), nothing
                      else: no other pending change, no drift fix. Those were
                      reviewed when the rule merged. Prints the hash of this
                      expiry-only plan. For a schedule (the Action's expire
                      mode); with --yes it does not ask.
  --json              print the outcome as JSON (needs --yes or --plan-hash)
${regionHelp(22)}
${scopeHelp(22)}
${cacheHelp(22)}
  -q, --quiet         no progress on stderr
  -h, --help          show this help

Exit codes:
  0  applied, and a fresh plan is empty (or there was nothing to do)
  1  refused, cancelled, invalid file, failed changes, or changes left after apply
  2  the command line is wrong
`,
  async run(args, io) {
    const path = configPath(args.positionals);
    const json = args.values['json'] === true;
    const planHashValue = args.values['plan-hash'];
    const reviewed: ReviewedPlan | undefined = typeof planHashValue === 'string' ? await readReviewedPlan(planHashValue, io.cwd) : undefined;
    const yes = args.values['yes'] === true || reviewed !== undefined;
    if (json && !yes) throw new UsageError('--json cannot ask for confirmation: add --yes or --plan-hash');
    const force = args.values['force'] === true;
    const expiryOnly = args.values['expire-only'] === true;
    const color = useColor(io);

    const progress = progressFor(io, args.values['quiet'] === true || json);
    let outcome: ApplyOutcome;
    try {
      const request = await scopeRequest(args, path, io.cwd);
      outcome = await engineFor(io, args, { nameCache: true }).apply(
        path,
        {
          ...request,
          ...(reviewed ? { expectedHash: reviewed.hash } : {}),
          force,
          ...(expiryOnly ? { expiryOnly } : {}),
          confirm: async (plan) => {
            if (!json) io.stdout.write(renderText(plan, { color }));
            if (yes) return true;
            if (io.stdin?.isTTY !== true) {
              io.stderr.write('idc apply: no terminal to confirm on: review the plan above, then run again with --yes (or --plan-hash).\n');
              return false;
            }
            return askYes(io, `\nApply ${plan.changes.length === 1 ? 'this change' : `these ${count(plan.changes.length, 'change')}`} to Identity Center?`);
          },
        },
        progress,
      );
    } finally {
      progress.close();
    }
    if (json) return printJson(io, outcome);
    if (outcome.status === 'invalid') {
      printDiagnostics(io, outcome.diagnostics);
      io.stderr.write(`idc apply: ${path} cannot be applied: fix the problems above. Nothing was changed.\n`);
      return EXIT.failure;
    }
    if (outcome.status === 'plan-changed' && reviewed?.plan) {
      for (const line of planDifference(reviewed.plan, outcome.plan)) io.stderr.write(`  ${line}\n`);
    }
    const code = printApplyOutcome(io, outcome, color, expiryOnly);
    if (expiryOnly && 'plan' in outcome) io.stdout.write(`Expiry-only plan hash: ${outcome.plan.hash}\n`);
    return code;
  },
};

function printJson(io: CliIo, outcome: ApplyOutcome): number {
  const { status } = outcome;
  const body: Record<string, unknown> = { status };
  if ('plan' in outcome) body['plan'] = JSON.parse(renderJson(outcome.plan)) as unknown;
  if (outcome.status === 'invalid') body['diagnostics'] = outcome.diagnostics;
  if (outcome.status === 'unsafe') body['reasons'] = outcome.reasons;
  if (outcome.status === 'plan-changed') body['expectedHash'] = outcome.expectedHash;
  if (outcome.status === 'applied') {
    body['report'] = outcome.report;
    body['remaining'] = JSON.parse(renderJson(outcome.remaining)) as unknown;
  }
  if (outcome.status === 'applied-unchecked') {
    body['report'] = outcome.report;
    body['recheckError'] = outcome.recheckError;
  }
  io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  const ok = status === 'nothing-to-do' || (outcome.status === 'applied' && outcome.report.failed.length === 0 && outcome.remaining.changes.length === 0);
  return ok ? EXIT.ok : EXIT.failure;
}
