/**
 * The shape of an IAM identity policy, as Identity Center accepts it for a permission set's
 * inline policy: Version, Statement; each statement with Effect, Action or NotAction, Resource or
 * NotResource, and no Principal.
 */
import { didYouMean } from '../../model/did-you-mean.js';
import { checkAction } from '../catalogue/iam-actions.js';
import { isConditionOperator, suggestConditionOperator } from '../catalogue/condition-operators.js';

export interface PolicyIssue {
  /** JSON path inside the policy document. */
  path: (string | number)[];
  message: string;
  /** Point at the key rather than the value (unknown keys). */
  key?: boolean;
}

const VERSIONS = ['2012-10-17', '2008-10-17'];
const TOP_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;
const RESOURCE = /^(\*|arn:.+)$/;
const SID = /^[A-Za-z0-9]*$/;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every problem with the document's shape (empty when it is a valid identity policy). */
export function checkPolicyShape(doc: unknown): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  if (!isObj(doc)) return [{ path: [], message: 'must be a JSON object with Version and Statement' }];
  for (const k of Object.keys(doc)) {
    if (!TOP_KEYS.includes(k))
      issues.push({ path: [k], key: true, message: `unknown key "${k}"${didYouMean(k, TOP_KEYS) || ' (expected Version, Id, Statement)'}` });
  }
  const version = doc['Version'];
  if (version === undefined) issues.push({ path: [], message: 'has no Version: add Version: "2012-10-17"' });
  // Stryker disable next-line ConditionalExpression: a Version that is not text is never in VERSIONS either.
  else if (typeof version !== 'string' || !VERSIONS.includes(version)) {
    issues.push({ path: ['Version'], message: `Version must be "2012-10-17" (or the older "2008-10-17"), not ${JSON.stringify(version)}` });
  }
  const statement = doc['Statement'];
  if (statement === undefined) issues.push({ path: [], message: 'has no Statement: add a list of statements with Effect, Action and Resource' });
  else if (Array.isArray(statement)) {
    if (statement.length === 0) issues.push({ path: ['Statement'], message: 'Statement is empty: add at least one statement' });
    const sids = new Map<string, number>();
    statement.forEach((st, i) => {
      checkStatement(st, ['Statement', i], issues);
      const sid = isObj(st) ? st['Sid'] : undefined;
      if (typeof sid === 'string' && sid !== '') {
        const first = sids.get(sid);
        if (first !== undefined)
          issues.push({ path: ['Statement', i, 'Sid'], message: `Statement[${i}] repeats Sid "${sid}" of Statement[${first}]: Sids must be unique` });
        else sids.set(sid, i);
      }
    });
  } else if (isObj(statement)) checkStatement(statement, ['Statement'], issues);
  else issues.push({ path: ['Statement'], message: 'Statement must be a list of statements (or one statement)' });
  return issues;
}

function label(path: (string | number)[]): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: paths here are 'Statement' then an index, never a second name.
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function checkStatement(st: unknown, path: (string | number)[], issues: PolicyIssue[]): void {
  const name = label(path);
  if (!isObj(st)) {
    issues.push({ path, message: `${name} must be a statement with Effect, Action and Resource` });
    return;
  }
  for (const k of Object.keys(st)) {
    if (k === 'Principal' || k === 'NotPrincipal') {
      issues.push({
        path: [...path, k],
        key: true,
        message: `${name} has ${k}: a permission set's policy applies to the role it creates, so it takes no ${k}; remove it`,
      });
    } else if (!STATEMENT_KEYS.includes(k)) {
      issues.push({
        path: [...path, k],
        key: true,
        message: `${name} has unknown key "${k}"${didYouMean(k, STATEMENT_KEYS) || ` (expected ${STATEMENT_KEYS.join(', ')})`}`,
      });
    }
  }
  const effect = st['Effect'];
  if (effect === undefined) issues.push({ path, message: `${name} has no Effect: add Effect: Allow (or Deny)` });
  else if (effect !== 'Allow' && effect !== 'Deny') {
    const near = typeof effect === 'string' ? didYouMean(effect, ['Allow', 'Deny']) : '';
    issues.push({ path: [...path, 'Effect'], message: `${name}.Effect must be Allow or Deny, not ${JSON.stringify(effect)}${near}` });
  }
  checkPair(st, path, 'Action', 'NotAction', ACTION, 'must be "service:action" such as "s3:GetObject", or "*"', issues, actionProblem);
  checkPair(st, path, 'Resource', 'NotResource', RESOURCE, 'must be an ARN such as "arn:aws:s3:::my-bucket/*", or "*"', issues);
  const sid = st['Sid'];
  if (sid !== undefined && (typeof sid !== 'string' || !SID.test(sid))) {
    issues.push({ path: [...path, 'Sid'], message: `${name}.Sid must be letters and digits only, not ${JSON.stringify(sid)}` });
  }
  const condition = st['Condition'];
  if (condition !== undefined && !isObj(condition)) {
    issues.push({
      path: [...path, 'Condition'],
      message: `${name}.Condition must be a mapping of operators, e.g. StringEquals: { "aws:RequestedRegion": "eu-west-1" }`,
    });
  } else if (condition !== undefined) {
    for (const op of Object.keys(condition)) {
      if (isConditionOperator(op)) continue;
      const near = suggestConditionOperator(op);
      issues.push({
        path: [...path, 'Condition', op],
        key: true,
        message: `${name}.Condition has unknown operator "${op}"${near === undefined ? ' (see the IAM condition operators: StringEquals, ArnLike, Bool, …)' : ` (did you mean "${near}"?)`}`,
      });
    }
  }
}

/** An action that has the right shape but names no IAM action: unknown service, action or wildcard. */
function actionProblem(action: string): string | undefined {
  const problem = checkAction(action);
  if (problem === undefined) return undefined;
  const near = 'suggestion' in problem && problem.suggestion !== undefined ? ` (did you mean "${problem.suggestion}"?)` : '';
  switch (problem.kind) {
    case 'unknown-service':
      return `has unknown service prefix "${problem.service}"${near}`;
    case 'unknown-action':
      return `is not an IAM action${near}`;
    case 'no-match':
      return `matches no IAM action of service "${problem.service}"`;
  }
}

function checkPair(
  st: Record<string, unknown>,
  path: (string | number)[],
  yes: string,
  no: string,
  shape: RegExp,
  shapeMessage: string,
  issues: PolicyIssue[],
  /** A further check of a value with the right shape: what is wrong with it, or undefined. */
  known?: (value: string) => string | undefined,
): void {
  const name = label(path);
  if (st[yes] !== undefined && st[no] !== undefined) {
    issues.push({ path: [...path, no], key: true, message: `${name} has both ${yes} and ${no}: keep one` });
    return;
  }
  const key = st[yes] !== undefined ? yes : st[no] !== undefined ? no : undefined;
  if (key === undefined) {
    issues.push({ path, message: `${name} has no ${yes}: add ${yes} (or ${no})` });
    return;
  }
  const value = st[key];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) issues.push({ path: [...path, key], message: `${name}.${key} is empty: list at least one` });
  list.forEach((v, i) => {
    const at = Array.isArray(value) ? [...path, key, i] : [...path, key];
    if (typeof v !== 'string') issues.push({ path: at, message: `${name}.${key} must be text or a list of text, not ${JSON.stringify(v)}` });
    else if (!shape.test(v)) issues.push({ path: at, message: `${name}.${key} ${JSON.stringify(v)} ${shapeMessage}` });
    else {
      const problem = known?.(v);
      if (problem !== undefined) issues.push({ path: at, message: `${name}.${key} ${JSON.stringify(v)} ${problem}` });
    }
  });
}
