/**
 * Checks the parsed document against schema/access.schema.json (ajv, compiled once) and turns
 * ajv's errors into diagnostics a person can act on, at the line and column of the offending
 * key or value.
 */
import { Ajv } from 'ajv';
import type { ErrorObject, Plugin, ValidateFunction } from 'ajv';
import ajvErrorsModule from 'ajv-errors';
import schemaJson from '../../schema/access.schema.json' with { type: 'json' };
import includeSchemaJson from '../../schema/access-include.schema.json' with { type: 'json' };
import type { Diagnostic } from '../model/source.js';
import { describeThing, describeValue, inThing, keyKind, kindOf, show } from './describe.js';
import type { PathSegments, SourceMap } from './source-map.js';
import { didYouMean } from '../model/did-you-mean.js';
import { shortText } from '../render/escape.js';

/** The JSON schema of access.yaml, as shipped in schema/access.schema.json. */
export const accessSchema: Record<string, unknown> = schemaJson;

/** The JSON schema of a file that access.yaml includes (`access.d/*.yaml`): its sections by `$ref`. */
export const includeSchema: Record<string, unknown> = includeSchemaJson;

/** One ajv for both schemas: the included file's schema refers to the root schema's sections. */
let ajv: Ajv | undefined;
const compiled: Partial<Record<'root' | 'included', ValidateFunction>> = {};

/** ajv-errors is CommonJS with `exports.default`: under Node's ESM loader the default import is the module object. */
const ajvErrors = ((ajvErrorsModule as { default?: unknown }).default ?? ajvErrorsModule) as Plugin<unknown>;

/**
 * Ajv as the schema needs it: strict, every error (ajv-errors requires `allErrors`), the
 * `errorMessage` keyword of ajv-errors (the friendly messages, which yaml-language-server shows
 * too) and `markdownDescription` (hover text for editors) known as an annotation. Each `$ref`
 * target is compiled once as a function of its own (`inlineRefs: false`) instead of copied into
 * every place that refers to it: 139 KB of generated code instead of 249 KB, compiled in every
 * run that loads a file.
 */
export function newAjv(options: { verbose?: boolean } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, inlineRefs: false, ...options });
  ajvErrors(ajv);
  ajv.addVocabulary(['markdownDescription']);
  return ajv;
}

/**
 * The validator of `kind`, compiled on first use: each schema takes about as long to compile as
 * the other (0.2 s), and most configurations include no file, so the included file's schema is
 * compiled only when one is checked (after the root schema, whose sections it refers to).
 */
function validator(kind: 'root' | 'included'): ValidateFunction {
  const done = compiled[kind];
  if (done) return done;
  ajv ??= newAjv({ verbose: true });
  compiled.root ??= ajv.compile(accessSchema);
  if (kind === 'root') return compiled.root;
  compiled.included = ajv.compile(includeSchema);
  return compiled.included;
}

/**
 * Schema diagnostics for `data` (the plain data of the document), positioned with `source`:
 * against the root schema, or for a file the root includes, against the included file's.
 */
export function checkSchema(data: unknown, source: SourceMap, kind: 'root' | 'included' = 'root'): Diagnostic[] {
  const validate = validator(kind);
  if (validate(data)) return [];
  const out: Diagnostic[] = [];
  for (const e of validate.errors ?? []) {
    if (AGGREGATE.has(e.keyword) || loaderReported.has(e.parentSchema)) continue;
    const d = translate(e, data, source);
    if (d) out.push(d);
  }
  return out;
}

function segmentsOf(instancePath: string, data: unknown): (string | number)[] {
  if (instancePath === '') return [];
  const segs: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg = Array.isArray(cur) && /^\d+$/.test(s) ? Number(s) : s;
    segs.push(seg);
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  }
  return segs;
}

/** Errors that only say "a subschema failed": the subschema's own error says what. */
const AGGREGATE = new Set(['allOf', 'anyOf', 'oneOf', 'if', 'not']);

/**
 * Rules the schema states for editors in the words of the loader's rule that checks the same for
 * idc (for every form: a policy written as JSON text or in a file too), so they are not reported
 * twice: the subschemas at these JSON pointers, recognised by the schema object that failed
 * (ajv's schemaPath is relative to a $ref target that ajv compiled separately, so it cannot tell).
 */
const LOADER_REPORTS = [
  '/properties/permission_sets/additionalProperties/properties/session_duration/then', // session-duration-range
  '/properties/permission_sets/additionalProperties/properties/inline_policy/properties', // policy-shape
  '/definitions/policyStatement', // policy-shape
  '/definitions/namesPermissionSet', // rule-completeness
  '/definitions/namesPrincipal', // rule-completeness
  '/definitions/hasTarget', // rule-completeness
];

function schemaAt(pointer: string): unknown {
  let node: unknown = accessSchema;
  for (const key of pointer.slice(1).split('/')) node = (node as Record<string, unknown> | undefined)?.[key];
  if (node === undefined) throw new Error(`schema/access.schema.json has no ${pointer} (LOADER_REPORTS in src/config/schema.ts)`);
  return node;
}

const loaderReported = new Set<unknown>();
function collect(node: unknown): void {
  if (node === null || typeof node !== 'object' || loaderReported.has(node)) return;
  loaderReported.add(node);
  for (const child of Object.values(node)) collect(child);
}
for (const pointer of LOADER_REPORTS) collect(schemaAt(pointer));

/**
 * An ajv-errors error (keyword `errorMessage`) wraps the errors it replaces: the first one says
 * where and what (keyword, data, key name), the schema's `errorMessage` says it in words.
 */
function unwrap(e: ErrorObject): { error: ErrorObject; custom: string | undefined } {
  if (e.keyword !== 'errorMessage') return { error: e, custom: undefined };
  const inner = (e.params as { errors?: ErrorObject[] }).errors?.[0];
  return inner ? { error: { ...inner, data: inner.data ?? e.data }, custom: e.message } : { error: e, custom: e.message };
}

const ACCOUNT_LISTS = new Set(['accounts', 'exclude_accounts']);

function isAccountPath(segs: PathSegments): boolean {
  const last = segs[segs.length - 1];
  const parent = segs[segs.length - 2];
  if (segs.length === 2 && segs[0] === 'accounts') return true;
  return typeof last === 'number' && typeof parent === 'string' && ACCOUNT_LISTS.has(parent);
}

function translate(wrapped: ErrorObject, data: unknown, source: SourceMap): Diagnostic | undefined {
  const { error: e, custom } = unwrap(wrapped);
  const segs = segmentsOf(e.instancePath, data);
  const at = (path: PathSegments, key = false): Diagnostic => ({ ...(key ? source.keyAt(path) : source.at(path)), severity: 'error', message: '' });
  const params = e.params as Record<string, unknown>;

  // A key (the name of a user, group, permission set, tag) that breaks a rule.
  if (e.propertyName !== undefined) {
    const name = e.propertyName;
    // `propertyNames: { enum: [keys] }`: the schema's list of the keys a mapping takes.
    if (e.keyword === 'enum') return unknownKey(at([...segs, name], true), segs, name, (params['allowedValues'] as unknown[]).map(String));
    const subject = `${keyKind(segs)} ${show(name)}`;
    const d = at([...segs, name], true);
    d.message = `${subject} ${custom ?? defaultMessage(e, name)}${badCharacter(e, name)}`;
    return d;
  }
  switch (e.keyword) {
    case 'propertyNames':
      return undefined; // reported by the nested error, which has the name
    case 'required': {
      const key = String(params['missingProperty']);
      const d = at(segs, true);
      d.message =
        segs.length === 0 && key === 'version'
          ? 'missing "version: 1" at the top level: every access.yaml starts with it'
          : `${describeThing(segs)} is missing "${key}"`;
      return d;
    }
    case 'type':
      return typeError(e, segs, source, custom);
    default: {
      const d = at(segs);
      const bad = badCharacter(e, e.data);
      d.message = `${describeValue(segs)} ${custom ?? defaultMessage(e, e.data)}${bad === '' ? got(e) : ''}${bad}`;
      return d;
    }
  }
}

/** `unknown key "emial" in user "jonathan" (did you mean "email"?)`: the editor's "unknown key" with the key named. */
function unknownKey(d: Diagnostic, segs: PathSegments, key: string, allowed: string[]): Diagnostic {
  const suggestion = didYouMean(key, allowed);
  d.message = `unknown key ${show(key)} ${inThing(segs)}${suggestion || ` (expected one of: ${allowed.join(', ')})`}`;
  return d;
}

function typeError(e: ErrorObject, segs: PathSegments, source: SourceMap, custom: string | undefined): Diagnostic {
  const expected = ([] as string[]).concat((e.params as { type: string | string[] }).type);
  const pos = source.at(segs);
  const d: Diagnostic = { ...pos, severity: 'error', message: '' };
  if (expected.includes('string') && typeof e.data === 'number') {
    const written = source.sourceOf(segs) ?? String(e.data);
    d.message = isAccountPath(segs)
      ? `account ID ${written} ${custom ?? 'must be quoted'}: write "${written}"`
      : `${describeValue(segs)} must be text: quote it: "${written}"`;
    return d;
  }
  const last = segs[segs.length - 1];
  if (typeof last === 'string' && SINGULAR_KEYS.has(last) && Array.isArray(e.data)) {
    const names = e.data.filter((x) => typeof x === 'string').join(', ');
    d.message = `${describeValue(segs)} must be one name, not a list: for several, write ${last}s: [${shortText(names)}]`;
    return d;
  }
  if (expected.includes('array') && typeof e.data === 'string') {
    d.message = `${describeValue(segs)} must be a list, not text: write [${shortText(e.data)}]`;
    return d;
  }
  const words = expected.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
  d.message = custom !== undefined ? `${describeValue(segs)} ${custom}` : `${describeValue(segs)} must be ${words}, not ${kindOf(e.data)}`;
  return d;
}

const SINGULAR_KEYS = new Set(['permission_set', 'user', 'group']);

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  object: 'a mapping (key: value)',
  array: 'a list',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function defaultMessage(e: ErrorObject, data: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'minLength':
      return Number(p['limit']) === 1 ? 'must not be empty' : `must be at least ${String(p['limit'])} characters`;
    case 'maxLength':
      return `must be at most ${Number(p['limit']).toLocaleString('en-US')} characters${typeof data === 'string' ? ` (it has ${[...data].length.toLocaleString('en-US')})` : ''}`;
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      const list = allowed.length === 2 ? allowed.join(' or ') : `one of ${allowed.join(', ')}`;
      return `must be ${list}, not ${show(data)}${didYouMean(String(data), allowed)}`;
    }
    case 'const':
      return `must be ${JSON.stringify(p['allowedValue'])}`;
    case 'pattern':
      return `must match ${String(p['pattern'])}`;
    case 'minimum':
      return `must be at least ${String(p['limit'])}`;
    case 'maximum':
      return `must be at most ${String(p['limit'])}`;
    case 'minProperties':
      return Number(p['limit']) === 1 ? 'must not be empty' : `must have at least ${String(p['limit'])} entries`;
    case 'maxProperties':
      return `must have at most ${String(p['limit'])} entries`;
    case 'minItems':
      return `must list at least ${String(p['limit'])}`;
    default:
      return e.message ?? 'is not valid';
  }
}

/** ` (got "PT13H")` for keywords about a scalar's content. */
function got(e: ErrorObject): string {
  if (['pattern', 'const', 'minimum', 'maximum'].includes(e.keyword) && e.data !== undefined) {
    if (e.keyword === 'pattern' && typeof e.data === 'string' && e.data.length > 60) return '';
    return ` (got ${show(e.data)})`;
  }
  if (e.keyword === 'maxProperties' && e.data !== null && typeof e.data === 'object') {
    return ` (it has ${Object.keys(e.data).length})`;
  }
  return '';
}

/** For `^[class]+$` patterns: `: "😀" is not allowed`, naming the first character that breaks it. */
function badCharacter(e: ErrorObject, data: unknown): string {
  if (e.keyword !== 'pattern' || typeof data !== 'string') return '';
  const m = /^\^(\[(?:\\.|[^\]\\])*\])[*+]\$$/.exec(String((e.params as { pattern: string }).pattern));
  if (!m?.[1]) return '';
  const cls = new RegExp(`^${m[1]}$`, 'u');
  for (const ch of data) {
    if (!cls.test(ch)) return `: ${describeChar(ch)} is not allowed`;
  }
  return '';
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === ' ') return 'a space';
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return `the control character ${hex}`;
  return `${JSON.stringify(ch)} (${hex})`;
}
