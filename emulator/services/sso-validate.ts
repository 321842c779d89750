import { notFound, quotaExceeded, validation } from '../errors.js';
import { checkString, list, obj, str, type Input } from '../validate.js';
import type { BoundaryRec, CustomerRef } from '../state.js';
import { isAwsManagedPolicy, managedPolicyKey } from '../../src/config/catalogue/managed-policies.js';

export const PS_NAME = { required: true, min: 1, max: 32, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' } as const;
export const PS_DESCRIPTION = {
  min: 1,
  max: 700,
  pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/,
  patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
} as const;
export const SESSION_DURATION = {
  min: 1,
  max: 100,
  pattern: /^(-?)P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)([DW]))?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/,
  patternText: '^(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$',
} as const;
export const RELAY_STATE = {
  min: 1,
  max: 240,
  pattern: /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]+$/,
  patternText: `[a-zA-Z0-9&$@#\\\\\\/%?=~\\-_'"|!:,.;*+\\[\\]\\ \\(\\)\\{\\}]+`,
} as const;
export const MANAGED_POLICY_ARN = {
  required: true,
  min: 20,
  max: 2048,
  pattern: /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy((\/[A-Za-z0-9.,+@=_-]+)*)\/([A-Za-z0-9.,+=@_-]+)$/,
  patternText: 'arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy((/[A-Za-z0-9\\.,\\+@=_-]+)*)/([A-Za-z0-9\\.,\\+=@_-]+)',
} as const;
const CUSTOMER_NAME = { required: true, min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' } as const;
const CUSTOMER_PATH = { min: 1, max: 512, pattern: /^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/, patternText: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/' } as const;
const TAG_KEY = { required: true, min: 1, max: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' } as const;
const TAG_VALUE = { required: true, min: 0, max: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' } as const;

export const MAX_POLICIES = 20;
export const MAX_TAGS = 75;

/** SessionDuration: a valid ISO-8601 duration the service accepts, PT1H … PT12H. */
export function sessionDuration(input: Input): string | undefined {
  const v = str(input, 'SessionDuration', SESSION_DURATION);
  if (v === undefined) return undefined;
  const m = SESSION_DURATION.pattern.exec(v);
  if (!m || m[1] === '-' || m[2] || m[3] || m[4]) throw validation(`Invalid SessionDuration ${v}: use hours/minutes/seconds (PT1H to PT12H).`);
  const seconds = Number(m[6] ?? 0) * 3600 + Number(m[7] ?? 0) * 60 + Number(m[8] ?? 0);
  if (seconds < 3600 || seconds > 12 * 3600) throw validation(`SessionDuration ${v} is out of range: it must be between PT1H and PT12H.`);
  return v;
}

export function tagList(value: unknown[], field = 'Tags'): Map<string, string> {
  const tags = new Map<string, string>();
  for (const t of value) {
    if (typeof t !== 'object' || t === null) throw validation(`Invalid type for member '${field}': expected a list of Tag`);
    const tag = t as Input;
    tags.set(checkString(tag['Key'], 'Key', TAG_KEY), checkString(tag['Value'], 'Value', TAG_VALUE));
  }
  return tags;
}

export function tagsOf(input: Input): Map<string, string> {
  return tagList(list(input, 'Tags', { max: MAX_TAGS }) ?? []);
}

export function customerRef(value: Input): CustomerRef {
  const Name = str(value, 'Name', CUSTOMER_NAME);
  const Path = str(value, 'Path', CUSTOMER_PATH) ?? '/';
  return { Name, Path };
}

export function boundaryOf(input: Input): BoundaryRec {
  const b = obj(input, 'PermissionsBoundary', true);
  const cm = obj(b, 'CustomerManagedPolicyReference');
  const managed = b['ManagedPolicyArn'];
  if ((cm === undefined) === (managed === undefined)) {
    throw validation('PermissionsBoundary must have exactly one of ManagedPolicyArn or CustomerManagedPolicyReference.');
  }
  if (cm) return { CustomerManagedPolicyReference: customerRef(cm) };
  return { ManagedPolicyArn: existingManagedPolicy(str(b, 'ManagedPolicyArn', MANAGED_POLICY_ARN)) };
}

/**
 * An AWS managed policy ARN that names a policy AWS has (the committed catalogue idc validates
 * against; the emulator's instance is in the aws partition). AWS answers an unknown one with
 * ResourceNotFoundException "Policy does not exist with ARN: …": the error the
 * AttachManagedPolicyToPermissionSet API reference lists for a resource that is not found
 * (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AttachManagedPolicyToPermissionSet.html),
 * with the message reported from real accounts (an open-source Identity Center catalog built on @stamp-lib notes it, as of
 * 2024-01-16) and reproduced by moto's sso-admin backend (getmoto/moto moto/ssoadmin/models.py).
 */
export function existingManagedPolicy(arn: string): string {
  const key = managedPolicyKey(arn);
  if (key === undefined || !isAwsManagedPolicy(key)) throw notFound(`Policy does not exist with ARN: ${arn}`);
  return arn;
}

/** An inline policy: size limits, Latin-1, a JSON policy document. Returns what is stored. */
export function inlinePolicy(input: Input, reformat: boolean): string {
  const text = str(input, 'InlinePolicy', {
    required: true,
    min: 1,
    max: 32768,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw validation('The policy document is malformed: it is not valid JSON.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('Statement' in doc)) {
    throw validation('The policy document is malformed: it must be a JSON object with a Statement.');
  }
  const minified = JSON.stringify(doc);
  if (Buffer.byteLength(minified, 'utf8') > 10240) {
    throw validation('The inline policy exceeds the maximum size of 10240 characters (whitespace excluded).');
  }
  return reformat ? minified : text;
}

export function checkPolicyCount(managed: number, customer: number): void {
  if (managed + customer >= MAX_POLICIES) {
    throw quotaExceeded(`The permission set already has ${managed + customer} managed and customer managed policies; the limit is ${MAX_POLICIES}.`);
  }
}
