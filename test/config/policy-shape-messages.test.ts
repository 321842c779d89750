/** What `idc validate` says about an inline policy's shape, and where it points (the JSON path). */
import { describe, expect, it } from 'vitest';
import { checkPolicyShape } from '../../src/config/rules/policy-shape.js';

const stmt = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...over });
const issues = (doc: unknown) => checkPolicyShape(doc).map((i) => `${JSON.stringify(i.path)}${i.key === true ? ' key' : ''}: ${i.message}`);
const ofStatement = (s: unknown) => issues({ Version: '2012-10-17', Statement: [s] });

describe('the document', () => {
  it.each([
    ['text', 'x'],
    ['a list', []],
    ['null', null],
  ])('must be an object, not %s', (_, doc) => {
    expect(issues(doc)).toEqual(['[]: must be a JSON object with Version and Statement']);
  });
  it('accepts the older Version and an Id', () => {
    expect(issues({ Version: '2008-10-17', Id: 'x', Statement: [stmt()] })).toEqual([]);
  });
  it('names the expected keys for an unknown key nothing resembles', () => {
    expect(issues({ Version: '2012-10-17', Statement: [stmt()], Zqxjw: 1 })).toEqual(['["Zqxjw"] key: unknown key "Zqxjw" (expected Version, Id, Statement)']);
  });
  it('Statement must be a list or one statement', () => {
    expect(issues({ Version: '2012-10-17', Statement: 'x' })).toEqual(['["Statement"]: Statement must be a list of statements (or one statement)']);
  });
  it('empty Sids are not repeated Sids', () => {
    expect(issues({ Version: '2012-10-17', Statement: [stmt({ Sid: '' }), stmt({ Sid: '' })] })).toEqual([]);
  });
});

describe('a statement', () => {
  it('must be an object', () => {
    expect(ofStatement(1)).toEqual(['["Statement",0]: Statement[0] must be a statement with Effect, Action and Resource']);
  });
  it.each(['Principal', 'NotPrincipal'])('takes no %s', (k) => {
    expect(ofStatement(stmt({ [k]: '*' }))).toEqual([
      `["Statement",0,"${k}"] key: Statement[0] has ${k}: a permission set's policy applies to the role it creates, so it takes no ${k}; remove it`,
    ]);
  });
  it('names the expected keys for an unknown key nothing resembles', () => {
    expect(ofStatement(stmt({ Zqxjw: 1 }))).toEqual([
      '["Statement",0,"Zqxjw"] key: Statement[0] has unknown key "Zqxjw" (expected Sid, Effect, Action, NotAction, Resource, NotResource, Condition)',
    ]);
  });
  it('suggests the key meant', () => {
    expect(ofStatement(stmt({ Conditon: {} }))).toEqual([
      '["Statement",0,"Conditon"] key: Statement[0] has unknown key "Conditon" (did you mean "Condition"?)',
    ]);
  });
  it.each<[unknown, string]>([
    [5, 'Statement[0].Effect must be Allow or Deny, not 5'],
    ['allow', 'Statement[0].Effect must be Allow or Deny, not "allow" (did you mean "Allow"?)'],
    ['deny', 'Statement[0].Effect must be Allow or Deny, not "deny" (did you mean "Deny"?)'],
  ])('Effect %j', (effect, message) => {
    expect(ofStatement(stmt({ Effect: effect }))).toEqual([`["Statement",0,"Effect"]: ${message}`]);
  });
  it('a Sid that is not text', () => {
    expect(ofStatement(stmt({ Sid: 5 }))).toEqual(['["Statement",0,"Sid"]: Statement[0].Sid must be letters and digits only, not 5']);
  });
  it('an action of an unknown service or no action, without a suggestion', () => {
    expect(ofStatement(stmt({ Action: ['zzzzqq:GetObject', 's3:Zzzzzzzzzz'] }))).toEqual([
      '["Statement",0,"Action",0]: Statement[0].Action "zzzzqq:GetObject" has unknown service prefix "zzzzqq"',
      '["Statement",0,"Action",1]: Statement[0].Action "s3:Zzzzzzzzzz" is not an IAM action',
    ]);
  });
});
