/**
 * Writes examples/iam/: the plan and apply policies, their trust policies, and the CloudFormation
 * template, all generated from the operations table (src/aws/operations.ts).
 * Run `npm run examples:iam` after changing a gateway method; test/scripts/iam.test.ts fails
 * until the files are current.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { cloudFormationTemplate } from './cloudformation.js';
import { examplePolicyFiles } from './policies.js';

export const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'examples', 'iam');
export const CFN_FILE = 'github-oidc-roles.cfn.yaml';

const CFN_HEAD = [
  '# Generated from scripts/iam/cloudformation.ts (policies from scripts/iam/policies.ts) by `npm run examples:iam`;',
  '# test/scripts/iam.test.ts checks they agree. Deploy (the README\'s "Set it up, step by step" explains every parameter):',
  '#   aws cloudformation deploy --template-file examples/iam/github-oidc-roles.cfn.yaml --stack-name idc-gitops \\',
  '#     --capabilities CAPABILITY_NAMED_IAM --parameter-overrides GitHubOwner=acme GitHubRepo=access',
  '# For repositories created or renamed on or after 15 July 2026 (or opted in) also pass GitHubOwnerId=… GitHubRepoId=… (immutable sub form);',
  '# CreateOidcProvider=false when the account already has the token.actions.githubusercontent.com provider.',
  '',
].join('\n');

/** Every file of examples/iam/, by name, as text. */
export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, doc] of Object.entries(examplePolicyFiles())) files[name] = `${JSON.stringify(doc, null, 2)}\n`;
  // YAML 1.1 rules when writing: date-like strings (`2012-10-17`) are quoted, so no YAML 1.1 tool reads a date.
  files[CFN_FILE] = CFN_HEAD + stringify(cloudFormationTemplate(), { lineWidth: 0, version: '1.1' });
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, text] of Object.entries(exampleFiles())) writeFileSync(join(EXAMPLES_DIR, name), text);
  console.log(`wrote ${Object.keys(exampleFiles()).length} files to examples/iam/`);
}
