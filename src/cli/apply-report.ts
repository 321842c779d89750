/** What `idc apply` prints once the engine is done: the outcome in words a person acts on. */
import type { ApplyReport } from '../apply/types.js';
import type { ApplyOutcome } from '../engine-contract.js';
import { diagnosticText } from '../render/escape.js';
import { renderSignIn } from '../render/sign-in.js';
import { renderText } from '../render/text.js';
import type { CliIo } from './command.js';
import { EXIT } from './command.js';
import { count, noun } from '../model/plural.js';

export function printApplyOutcome(io: CliIo, outcome: Exclude<ApplyOutcome, { status: 'invalid' }>, color: boolean, expiryOnly = false): number {
  switch (outcome.status) {
    case 'nothing-to-do':
      io.stdout.write(
        expiryOnly ? 'No expired access left to remove (other pending changes, if any, are left for a reviewed apply).\n' : renderText(outcome.plan, { color }),
      );
      return EXIT.ok;
    case 'plan-changed':
      io.stdout.write(renderText(outcome.plan, { color }));
      io.stderr.write(
        `idc apply: refused: the plan changed since it was reviewed (reviewed ${outcome.expectedHash.slice(0, 12)}, now ${outcome.plan.hash.slice(0, 12)}). ` +
          'Review the plan above, then apply it with its hash, or use --force. Nothing was changed.\n',
      );
      return EXIT.failure;
    case 'unsafe':
      io.stdout.write(renderText(outcome.plan, { color }));
      io.stderr.write('idc apply: refused by the safety checks. Nothing was changed.\n');
      for (const reason of outcome.reasons) io.stderr.write(`  - ${diagnosticText(reason)}\n`);
      return EXIT.failure;
    case 'cancelled':
      io.stderr.write('Apply cancelled. Nothing was changed.\n');
      return EXIT.failure;
    case 'applied': {
      const { report, remaining } = outcome;
      printReport(io, report, outcome.plan.changes.length);
      if (remaining.changes.length === 0) {
        io.stdout.write(
          expiryOnly
            ? 'No expired access is left: a fresh expiry-only plan is empty (other pending changes, if any, were left for a reviewed apply).\n'
            : 'Identity Center now matches the file: a fresh plan is empty.\n',
        );
      } else if (report.stopped) {
        // Apply stopped early: the rest is the plan just shown; say how much, not all of it again.
        io.stdout.write(`A fresh plan still shows ${count(remaining.changes.length, 'change')}: run "idc plan" to see them.\n`);
        io.stderr.write('idc apply: not everything converged: fix the failures above and run apply again.\n');
      } else {
        io.stdout.write(`\nA fresh plan still shows ${count(remaining.changes.length, 'change')}:\n`);
        io.stdout.write(renderText(remaining, { color }));
        io.stderr.write('idc apply: not everything converged: fix the failures above and run apply again.\n');
      }
      const signIn = renderSignIn(outcome.plan, { startUrl: outcome.startUrl, format: 'text', remaining });
      if (signIn) io.stdout.write(`\n${signIn}`);
      return report.failed.length === 0 && remaining.changes.length === 0 ? EXIT.ok : EXIT.failure;
    }
    case 'applied-unchecked':
      printReport(io, outcome.report, outcome.plan.changes.length);
      io.stderr.write(
        `idc apply: could not check the result, reading the state again failed: ${diagnosticText(outcome.recheckError)}\n` +
          'Run "idc plan" to see what is left, and apply again if needed.\n',
      );
      return EXIT.failure;
  }
}

/** `Applied 12 of 17 changes in 3.2s (40 API calls), 1 failed, 4 skipped.`, then each failure and why apply stopped. */
export function printReport(io: CliIo, report: ApplyReport, total: number): void {
  const calls = Object.values(report.calls).reduce((a, b) => a + b, 0);
  const seconds = (report.durationMs / 1000).toFixed(1);
  const notMade = report.stopped?.notAttempted ?? 0;
  io.stdout.write(
    `\nApplied ${report.succeeded} of ${count(total, 'change')} in ${seconds}s (${count(calls, 'API call')})` +
      `${report.failed.length ? `, ${report.failed.length} failed` : ''}${report.skipped ? `, ${report.skipped} skipped` : ''}` +
      `${notMade ? `, ${notMade} not attempted` : ''}.\n`,
  );
  for (const f of report.failed) io.stderr.write(`  failed: ${diagnosticText(`${f.subject}: ${f.message}`)}\n`);
  if (report.skipped > 0)
    io.stderr.write(`  ${count(report.skipped, 'change')} ${noun(report.skipped, 'was', 'were')} skipped because something they need failed.\n`);
  if (report.stopped) {
    io.stderr.write(
      `idc apply: stopped ${diagnosticText(report.stopped.reason)}. ${count(notMade, 'change')} ${noun(notMade, 'was', 'were')} not attempted.\n`,
    );
  }
}
