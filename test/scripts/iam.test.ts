/**
 * The example IAM policies list exactly the actions the code calls: every gateway method is
 * mapped, the plan role is read-only, and examples/iam/ equals what scripts/iam generates.
 * Regenerate the examples with `npm run examples:iam`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GATEWAY_METHODS, iamActionsOf, OPERATIONS } from '../../src/aws/operations.js';
import { cloudFormationTemplate } from '../../scripts/iam/cloudformation.js';
import { applyActions, examplePolicyFiles, planActions } from '../../scripts/iam/policies.js';
import { CFN_FILE, EXAMPLES_DIR as EXAMPLES, exampleFiles } from '../../scripts/iam/write-examples.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** Method names of `interface IdentityCenterGateway` in src/aws/gateway.ts. */
function gatewayMethods(): string[] {
  const source = readFileSync(join(ROOT, 'src', 'aws', 'gateway.ts'), 'utf8');
  const start = source.indexOf('export interface IdentityCenterGateway {');
  expect(start).toBeGreaterThanOrEqual(0);
  let depth = 0;
  let end = start;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  const body = source.slice(source.indexOf('{', start) + 1, end);
  return [...body.matchAll(/^\s{2}(\w+)\??\s*\(/gm)].map((m) => m[1]!).sort();
}

describe('IAM actions', () => {
  it('the operations table maps every method of IdentityCenterGateway, and nothing else', () => {
    const methods = gatewayMethods();
    expect(methods.length).toBeGreaterThan(40);
    expect(Object.keys(OPERATIONS).sort()).toEqual(methods);
  });

  it('gives the plan role only read actions, and the apply role every mapped action', () => {
    const writes = /:(Create|Delete|Update|Put|Attach|Detach|Tag|Untag|Provision)/;
    expect(planActions().filter((a) => writes.test(a))).toEqual([]);
    expect(planActions()).toContain('sso:ListPermissionSets');
    expect(planActions()).toContain('identitystore:ListUsers');
    expect(planActions()).toContain('organizations:ListAccounts');
    const all = new Set(GATEWAY_METHODS.flatMap(iamActionsOf));
    expect(applyActions()).toEqual([...all].sort());
    expect(applyActions()).toContain('sso:CreateAccountAssignment');
  });

  it('examples/iam/*.json are exactly what the code generates', () => {
    const expected = examplePolicyFiles();
    const onDisk = readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(onDisk).toEqual(Object.keys(expected).sort());
    for (const [name, doc] of Object.entries(expected)) {
      expect(JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')), name).toEqual(doc);
    }
  });

  it('examples/iam/ is current: every file is, to the byte, what `npm run examples:iam` writes', () => {
    for (const [name, text] of Object.entries(exampleFiles())) expect(readFileSync(join(EXAMPLES, name), 'utf8'), name).toBe(text);
  });

  it('the CloudFormation template is exactly what the code generates (same policies)', () => {
    const onDisk = parse(readFileSync(join(EXAMPLES, CFN_FILE), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toEqual(cloudFormationTemplate());
  });

  it("the README's deploy command works with the template: its file, CAPABILITY_NAMED_IAM, every required parameter; every parameter explained", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Set it up, step by step'), readme.indexOf('### The workflows'));
    const command = /aws cloudformation deploy[^`]*?--parameter-overrides[^\n]*/s.exec(section)?.[0] ?? '';
    expect(command).toContain(`--template-file examples/iam/${CFN_FILE}`);
    expect(command).toContain('--capabilities CAPABILITY_NAMED_IAM');
    const parameters = (cloudFormationTemplate()['Parameters'] ?? {}) as Record<string, { Default?: string }>;
    const given = [...command.matchAll(/(\w+)=\S+/g)].map((m) => m[1]);
    for (const [name, p] of Object.entries(parameters)) {
      if (p.Default === undefined) expect(given, name).toContain(name);
      expect(section, name).toContain(`\`${name}\``);
    }
  });
});
