import { validation } from './errors.js';

export type Input = Record<string, unknown>;

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as AWS prints it in the message. */
  patternText?: string;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function violation(value: unknown, field: string, constraint: string): Error {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return validation(`1 validation error detected: Value ${shown} at '${lowerFirst(field)}' failed to satisfy constraint: ${constraint}`);
}

/** A string member, checked as the service models check it (length, pattern, required). */
export function str(input: Input, field: string, rule: StringRule & { required: true }): string;
export function str(input: Input, field: string, rule?: StringRule): string | undefined;
export function str(input: Input, field: string, rule: StringRule = {}): string | undefined {
  return checkString(input[field], field, rule);
}

export function checkString(value: unknown, field: string, rule: StringRule & { required: true }): string;
export function checkString(value: unknown, field: string, rule?: StringRule): string | undefined;
export function checkString(value: unknown, field: string, rule: StringRule = {}): string | undefined {
  if (value === undefined || value === null) {
    if (rule.required) throw violation(value, field, 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string') throw validation(`Invalid type for member '${field}': expected a string`);
  const len = [...value].length;
  if (rule.min !== undefined && len < rule.min) throw violation(value, field, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && len > rule.max) throw violation(value, field, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value)) {
    throw violation(value, field, `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`);
  }
  return value;
}

export function oneOf<T extends string>(input: Input, field: string, allowed: readonly T[], required: true): T;
export function oneOf<T extends string>(input: Input, field: string, allowed: readonly T[], required?: boolean): T | undefined;
export function oneOf<T extends string>(input: Input, field: string, allowed: readonly T[], required = false): T | undefined {
  const v = input[field];
  if (v === undefined || v === null) {
    if (required) throw violation(v, field, 'Member must not be null');
    return undefined;
  }
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw violation(v, field, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return v as T;
}

export function obj(input: Input, field: string, required: true): Input;
export function obj(input: Input, field: string, required?: boolean): Input | undefined;
export function obj(input: Input, field: string, required = false): Input | undefined {
  const v = input[field];
  if (v === undefined || v === null) {
    if (required) throw violation(v, field, 'Member must not be null');
    return undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw validation(`Invalid type for member '${field}': expected a structure`);
  return v as Input;
}

export function list(input: Input, field: string, rule: { required?: boolean; max?: number; min?: number } = {}): unknown[] | undefined {
  const v = input[field];
  if (v === undefined || v === null) {
    if (rule.required) throw violation(v, field, 'Member must not be null');
    return undefined;
  }
  if (!Array.isArray(v)) throw validation(`Invalid type for member '${field}': expected a list`);
  if (rule.max !== undefined && v.length > rule.max) throw violation(`[${v.length} items]`, field, `Member must have length less than or equal to ${rule.max}`);
  if (rule.min !== undefined && v.length < rule.min)
    throw violation(`[${v.length} items]`, field, `Member must have length greater than or equal to ${rule.min}`);
  return v;
}

/** MaxResults within [1, max]; `def` when absent. */
export function maxResults(input: Input, max: number, def: number): number {
  const v = input['MaxResults'];
  if (v === undefined || v === null) return def;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw validation(`Invalid type for member 'MaxResults': expected an integer`);
  if (v < 1) throw violation(v, 'MaxResults', 'Member must have value greater than or equal to 1');
  if (v > max) throw violation(v, 'MaxResults', `Member must have value less than or equal to ${max}`);
  return v;
}

export const ACCOUNT_ID = { required: true, pattern: /^\d{12}$/, patternText: '\\d{12}' } as const;
