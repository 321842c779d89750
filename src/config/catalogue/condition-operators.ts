/**
 * IAM condition operators (IAM User Guide, "IAM JSON policy elements: Condition operators",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * string, numeric, date, Boolean, binary, IP address, ARN and Null operators. Every operator but
 * Null takes the `IfExists` suffix; the set operators `ForAllValues:` and `ForAnyValue:` prefix
 * any of them. This is the policy grammar itself, not a catalogue that changes with services.
 */
import { closest } from '../../model/did-you-mean.js';

const BASE = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
] as const;

const SET_PREFIXES = ['ForAllValues:', 'ForAnyValue:'];

/** Every operator without a set prefix: the base ones, each with IfExists, and Null. */
const SINGLE = [...BASE, ...BASE.map((o) => `${o}IfExists`), 'Null'];
const KNOWN = new Map(SINGLE.map((o) => [o.toLowerCase(), o]));

function split(op: string): { prefix: string; rest: string } {
  const prefix = SET_PREFIXES.find((p) => op.toLowerCase().startsWith(p.toLowerCase()));
  return prefix === undefined ? { prefix: '', rest: op } : { prefix, rest: op.slice(prefix.length) };
}

/** Whether IAM accepts `op` as a condition operator (IAM reads operators without regard to case). */
export function isConditionOperator(op: string): boolean {
  return KNOWN.has(split(op).rest.toLowerCase());
}

/** The operator meant by an unknown one (`StringEqual` → `StringEquals`), keeping a set prefix. */
export function suggestConditionOperator(op: string): string | undefined {
  const { prefix, rest } = split(op);
  const near = closest(rest, SINGLE);
  return near === undefined ? undefined : `${prefix}${near}`;
}
