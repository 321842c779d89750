/**
 * globalSetup of the e2e project: rebuilds dist/ (npm run build) before any e2e test runs, so
 * the tests that run dist/index.js and dist/cli.js test the code as it is, never a stale bundle.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildBundle(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
