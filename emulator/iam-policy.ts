/**
 * IAM policy evaluation for the emulator, as far as the roles of examples/iam need it: Allow and
 * Deny statements, Action/NotAction with wildcards, Resource (only "*"-reaching statements apply:
 * the emulator does not name a resource per call), Principal.Federated, and the string condition
 * operators. The rules, from the IAM User Guide:
 * - evaluation: an explicit Deny wins, else an Allow is needed, else implicitly denied
 *   (reference_policies_evaluation-logic.html);
 * - action names are case-insensitive and take `*` and `?` wildcards (reference_policies_elements_action.html);
 * - in a Condition, operators are ANDed, keys under one operator are ANDed, values of one key are
 *   ORed; StringLike takes `*` and `?`, case-sensitively; a key missing from the request makes
 *   StringEquals/StringLike false and StringNotEquals/StringNotLike true
 *   (reference_policies_condition-logic-multiple-context-keys-or-values.html,
 *   reference_policies_elements_condition_operators.html).
 * Not a library: pbac (MIT) evaluates only the first key under an operator (so a trust policy's
 * `sub` next to `aud` would be ignored) and matches actions case-sensitively; @cloud-copilot/iam-simulate
 * is AGPL. An operator this file does not know makes the policy an error, never a silent allow.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export interface PolicyRequest {
  action: string;
  /** For trust policies: the principal asking, e.g. `{ Federated: 'arn:aws:iam::1…:oidc-provider/…' }`. */
  principal?: Record<string, string>;
  /** Condition keys of the request, e.g. `token.actions.githubusercontent.com:sub`. Lower-cased keys are not required: keys match case-insensitively. */
  context?: Record<string, string>;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export class PolicyError extends Error {
  override name = 'PolicyError';
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** `*` any run of characters, `?` one character; the rest literal. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function statements(doc: PolicyDocument): PolicyStatement[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

function actionApplies(s: PolicyStatement, action: string): boolean {
  if (s.Action !== undefined) return list(s.Action).some((p) => wildcardMatch(p, action, true));
  if (s.NotAction !== undefined) return !list(s.NotAction).some((p) => wildcardMatch(p, action, true));
  throw new PolicyError(`statement ${s.Sid ?? '(no Sid)'} has neither Action nor NotAction`);
}

/** Without a resource per call, a statement applies when it can reach every resource. */
function resourceApplies(s: PolicyStatement): boolean {
  return s.Resource === undefined || list(s.Resource).includes('*');
}

function principalApplies(s: PolicyStatement, principal: Record<string, string> | undefined): boolean {
  if (s.Principal === undefined) return true; // identity policies have none
  if (!principal) return false;
  const trusted = s.Principal;
  if (trusted === '*') return true;
  return Object.entries(principal).some(([kind, id]) => list(trusted[kind]).includes(id));
}

const OPERATORS: Record<string, { test: (pattern: string, value: string) => boolean; negated: boolean }> = {
  StringEquals: { test: (p, v) => p === v, negated: false },
  StringNotEquals: { test: (p, v) => p === v, negated: true },
  StringEqualsIgnoreCase: { test: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { test: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: true },
  StringLike: { test: (p, v) => wildcardMatch(p, v), negated: false },
  StringNotLike: { test: (p, v) => wildcardMatch(p, v), negated: true },
};

function lookup(context: Record<string, string> | undefined, key: string): string | undefined {
  if (!context) return undefined;
  const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : context[found];
}

function conditionHolds(s: PolicyStatement, context: Record<string, string> | undefined): boolean {
  for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
    const op = OPERATORS[operator];
    if (!op) throw new PolicyError(`condition operator ${operator} is not supported by the emulator`);
    for (const [key, patterns] of Object.entries(keys)) {
      const value = lookup(context, key);
      if (value === undefined) {
        if (!op.negated) return false;
        continue;
      }
      const any = list(patterns).some((p) => op.test(p, value));
      if (op.negated ? any : !any) return false;
    }
  }
  return true;
}

/** The decision of a set of policies for one request. */
export function evaluate(policies: readonly PolicyDocument[], request: PolicyRequest): Decision {
  let allowed = false;
  for (const s of policies.flatMap(statements)) {
    if (!principalApplies(s, request.principal) || !actionApplies(s, request.action) || !resourceApplies(s)) continue;
    if (!conditionHolds(s, request.context)) continue;
    if (s.Effect === 'Deny') return 'explicit-deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}
