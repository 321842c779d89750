/**
 * The permission set name cache: ARN → name of every permission set of one Identity Center
 * instance, as the last read learned them, and when the last full read happened.
 *
 * Why a cached entry can never be wrong (so the cache may only cost calls, never correctness):
 * - A permission set's name cannot change: UpdatePermissionSet takes no Name, only Description,
 *   SessionDuration and RelayState (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_UpdatePermissionSet.html;
 *   the SDK model's UpdatePermissionSetRequest has the same members); Terraform's
 *   aws_ssoadmin_permission_set marks `name` "Forces new resource". A rename is a new set.
 * - Names are unique in an instance: CreatePermissionSet with a taken name answers
 *   ConflictException "PermissionSet with name X already exists." (hashicorp/terraform-provider-aws
 *   issues #38544 and #39297 quote it from CloudTrail).
 * - ARNs are not reused: CreatePermissionSet takes no identifier; AWS generates the
 *   `ps-<16 characters>` part of the ARN (API_CreatePermissionSet.html, API_PermissionSet.html), so a
 *   set deleted and created again under the same name gets a new ARN. (AWS does not promise in
 *   writing never to hand out an ARN twice; the identifier is generated, never chosen.)
 * So an ARN→name entry learned from DescribePermissionSet stays true for as long as
 * ListPermissionSets still lists that ARN. Every read lists the ARNs (the truth of what exists),
 * takes the names of known ARNs from here, describes only the others (and the sets whose
 * definition the plan needs anyway), and the next cache is exactly the ARNs it listed.
 *
 * The file is local but untrusted: `parseNameCache` checks its shape and ignores it when wrong.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { compareStrings } from '../model/compare.js';
import type { PermissionSet } from '../model/permission-set.js';

/** What the cache holds for one instance. */
export interface NameCache {
  instanceArn: string;
  /** Permission set ARN → name, for every ARN the last read listed. */
  names: Record<string, string>;
  /** When the last full read (a full plan: the drift check) finished, ISO 8601 UTC. */
  lastFullRead?: string;
}

const FORMAT = 'idc-gitops permission set names';
const VERSION = 1;
/** Larger than any real cache (an instance holds at most a few thousand sets). */
export const MAX_CACHE_BYTES = 2_000_000;

/** The ARN of a permission set (sso-admin's pattern, API_PermissionSet.html). */
const PERMISSION_SET_ARN = '^arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$';
/** A permission set name: 1–32 of `[\w+=,.@-]` (API_CreatePermissionSet.html). */
const NAME = '^[\\w+=,.@-]{1,32}$';
/** ISO 8601 UTC as `Date.prototype.toISOString` writes it. */
const ISO_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$';

const FILE_SCHEMA = {
  type: 'object',
  required: ['format', 'version', 'instanceArn', 'permissionSets'],
  additionalProperties: false,
  properties: {
    format: { const: FORMAT },
    version: { const: VERSION },
    instanceArn: { type: 'string', maxLength: 1224 },
    lastFullRead: { type: 'string', pattern: ISO_TIME },
    permissionSets: {
      type: 'object',
      propertyNames: { pattern: PERMISSION_SET_ARN, maxLength: 1224 },
      additionalProperties: { type: 'string', pattern: NAME },
    },
  },
} as const;

let validate: ReturnType<Ajv['compile']> | undefined;

/** The first schema error in words (never the file's content, never the schema's long patterns). */
function problem(e: ErrorObject | undefined): string {
  if (e === undefined) return 'wrong shape';
  if (e.instancePath === '/permissionSets' && e.propertyName !== undefined) return 'a key of permissionSets is not a permission set ARN';
  if (e.instancePath.startsWith('/permissionSets/')) return 'a value of permissionSets is not a permission set name';
  const where = e.instancePath === '' ? 'the file' : e.instancePath.slice(1);
  if (e.keyword === 'pattern') return `${where} is not in the expected form`;
  if (e.keyword === 'additionalProperties') return `${where} has a member it should not have`;
  return `${where} ${e.message ?? 'is wrong'}`;
}

/**
 * The cache in `text` for `instanceArn`, or why it cannot be used (one line: not JSON, another
 * format or version, another instance, an entry that is not an ARN and a name, two ARNs with one name).
 */
export function parseNameCache(text: string, instanceArn: string): NameCache | { unusable: string } {
  if (text.length > MAX_CACHE_BYTES) return { unusable: `larger than ${MAX_CACHE_BYTES} bytes` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { unusable: 'not JSON' };
  }
  validate ??= new Ajv({ strict: true }).compile(FILE_SCHEMA);
  if (!validate(data)) return { unusable: `not a name cache of this version (${problem(validate.errors?.[0])})` };
  const file = data as { instanceArn: string; lastFullRead?: string; permissionSets: Record<string, string> };
  if (file.instanceArn !== instanceArn) return { unusable: 'written for another Identity Center instance' };
  if (file.lastFullRead !== undefined && Number.isNaN(Date.parse(file.lastFullRead))) return { unusable: 'lastFullRead is not a date' };
  const names = Object.values(file.permissionSets);
  if (new Set(names).size !== names.length) return { unusable: 'two ARNs have the same name (names are unique in an instance)' };
  return { instanceArn, names: { ...file.permissionSets }, ...(file.lastFullRead !== undefined ? { lastFullRead: file.lastFullRead } : {}) };
}

/** The file's text: keys sorted, so that equal caches are equal files. */
export function formatNameCache(cache: NameCache): string {
  const permissionSets = Object.fromEntries(Object.entries(cache.names).sort(([a], [b]) => compareStrings(a, b)));
  const file = {
    format: FORMAT,
    version: VERSION,
    instanceArn: cache.instanceArn,
    ...(cache.lastFullRead !== undefined ? { lastFullRead: cache.lastFullRead } : {}),
    permissionSets,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The names to start a read with (ARN → name). */
export function knownNames(cache: NameCache | undefined): ReadonlyMap<string, string> {
  return new Map(Object.entries(cache?.names ?? {}));
}

/**
 * The cache after a read: exactly the sets it found (a set no longer listed is dropped, one it
 * learned is added), and the time of the last full read (`fullReadAt` when this read was full).
 */
export function nextNameCache(
  instanceArn: string,
  previous: NameCache | undefined,
  found: Iterable<Pick<PermissionSet, 'name'> & { arn: string }>,
  fullReadAt?: Date,
): NameCache {
  const names: Record<string, string> = {};
  for (const ps of found) names[ps.arn] = ps.name;
  const lastFullRead = fullReadAt?.toISOString() ?? previous?.lastFullRead;
  return { instanceArn, names, ...(lastFullRead !== undefined ? { lastFullRead } : {}) };
}
