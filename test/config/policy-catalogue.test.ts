/**
 * Policy typos caught before review: AWS managed policy names and paths, IAM actions (service
 * prefix, action, wildcard) and condition operators, checked against the committed catalogue.
 */
import { describe, expect, it } from 'vitest';
import actionsJson from '../../src/config/catalogue/iam-actions.json' with { type: 'json' };
import { isConditionOperator, suggestConditionOperator } from '../../src/config/catalogue/condition-operators.js';
import { checkAction } from '../../src/config/catalogue/iam-actions.js';
import { isAwsManagedPolicy, managedPolicyKey, suggestManagedPolicy } from '../../src/config/catalogue/managed-policies.js';
import { checkPolicyShape } from '../../src/config/rules/policy-shape.js';

const policy = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*', ...statement }] });

describe('Action lists', () => {
  it('a valid action next to an invalid one is still an error, at the invalid one', () => {
    for (const bad of ['s3:PutObjet', 'not-an-action', 's4:GetObject', 's3:Gte*']) {
      for (const list of [
        ['s3:GetObject', bad],
        [bad, 's3:GetObject'],
      ]) {
        const issues = checkPolicyShape(policy({ Action: list }));
        expect(
          issues.map((i) => i.path),
          `${JSON.stringify(list)}`,
        ).toEqual([['Statement', 0, 'Action', list.indexOf(bad)]]);
      }
    }
  });

  it('accepts real actions, wildcards that match, and any case', () => {
    expect(checkPolicyShape(policy({ Action: ['s3:GetObject', 'S3:putobject', 's3:List*', 'ec2:Describe?nstances', 'iam:*', '*'] }))).toEqual([]);
    expect(checkPolicyShape(policy({ NotAction: 'iam:PassRole' }))).toEqual([]);
  });

  it('says what is wrong and suggests the action meant', () => {
    const messages = (action: string) => checkPolicyShape(policy({ Action: action })).map((i) => i.message);
    expect(messages('s3:PutObjet')).toEqual(['Statement[0].Action "s3:PutObjet" is not an IAM action (did you mean "s3:PutObject"?)']);
    expect(messages('s4:GetObject')).toEqual(['Statement[0].Action "s4:GetObject" has unknown service prefix "s4" (did you mean "s3:GetObject"?)']);
    expect(messages('s3:Gte*')).toEqual(['Statement[0].Action "s3:Gte*" matches no IAM action of service "s3"']);
  });

  it('every action in the catalogue passes, in its own spelling and in lower case', () => {
    const services = actionsJson.services as Record<string, string[]>;
    let n = 0;
    // One expect for the 30,000 checks (an expect each took most of this test's time), listing every refusal.
    const refused: string[] = [];
    for (const [prefix, actions] of Object.entries(services)) {
      for (const a of actions) {
        for (const spelling of [`${prefix}:${a}`, `${prefix}:${a}`.toLowerCase()]) {
          const problem = checkAction(spelling);
          if (problem !== undefined) refused.push(`${spelling}: ${JSON.stringify(problem)}`);
        }
        n++;
      }
    }
    expect(refused).toEqual([]);
    expect(n).toBeGreaterThan(15_000);
  });
});

describe('Effect and Condition', () => {
  it('suggests Allow for Alow and names unknown condition operators', () => {
    const issues = checkPolicyShape({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Alow', Action: 's3:GetObject', Resource: '*', Condition: { StringEqual: {}, 'ForAllValues:StringLike': {}, BoolIfExists: {} } }],
    });
    expect(issues.map((i) => i.message)).toEqual([
      'Statement[0].Effect must be Allow or Deny, not "Alow" (did you mean "Allow"?)',
      'Statement[0].Condition has unknown operator "StringEqual" (did you mean "StringEquals"?)',
    ]);
  });

  it('knows the IAM operators, IfExists (except on Null) and the set prefixes', () => {
    for (const op of ['StringEquals', 'stringequals', 'ArnLikeIfExists', 'ForAnyValue:StringNotLikeIfExists', 'Null', 'IpAddress', 'DateGreaterThanEquals']) {
      expect(isConditionOperator(op), op).toBe(true);
    }
    for (const op of ['NullIfExists', 'StringEqual', 'ForSomeValues:StringLike', 'Sometimes']) expect(isConditionOperator(op), op).toBe(false);
    expect(suggestConditionOperator('ForAllValues:StringEqual')).toBe('ForAllValues:StringEquals');
  });
});

describe('AWS managed policies', () => {
  it('knows names with and without a path, and ARNs of the aws partition', () => {
    for (const p of ['ReadOnlyAccess', 'AdministratorAccess', 'job-function/ViewOnlyAccess', 'job-function/Billing', 'service-role/AWS_ConfigRole']) {
      expect(isAwsManagedPolicy(p), p).toBe(true);
    }
    expect(managedPolicyKey('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')).toBe('job-function/ViewOnlyAccess');
    expect(managedPolicyKey('arn:aws-cn:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(isAwsManagedPolicy('ReadOnlyAcess')).toBe(false);
    expect(isAwsManagedPolicy('ViewOnlyAccess')).toBe(false);
  });

  it('suggests the spelling or the path meant, and nothing far-fetched', () => {
    expect(suggestManagedPolicy('ReadOnlyAcess')).toBe('ReadOnlyAccess');
    expect(suggestManagedPolicy('ViewOnlyAccess')).toBe('job-function/ViewOnlyAccess');
    expect(suggestManagedPolicy('readonlyaccess')).toBe('ReadOnlyAccess');
    expect(suggestManagedPolicy('job-function/ViewOnlyAcces')).toBe('job-function/ViewOnlyAccess');
    expect(suggestManagedPolicy('Policy07')).toBeUndefined();
  });
});
