/**
 * Revoking the open sessions of a person who loses a permission set on an account, as AWS
 * documents it for Identity Center: a deny-all statement conditioned on the user's
 * `identitystore:userId`, added to the set's inline policy and provisioned ("Use a Deny policy to
 * revoke active user permissions",
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/prereqs-revoking-user-permissions.html,
 * and "Revoke access for deleted users",
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/authconcept-revoke-access.html).
 *
 * The statement is scoped to one account with `aws:PrincipalAccount` in the same `StringEquals`
 * (both keys must match), so the person's access through the same set on other accounts is
 * untouched. It is idc's own: its Sid starts with `IdcRevoke` (a Sid allows only [A-Za-z0-9]) and
 * ends with the instant after which it can go, `Until20261231T170000Z` (the revocation plus the
 * set's session duration: no session opened before can outlast it). The account and the user ID
 * are read back from the condition.
 */
import { compareStrings } from './compare.js';

/** The Sid prefix of idc's revocation statements. */
export const REVOKE_SID_PREFIX = 'IdcRevoke';

const UNTIL = /Until(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** A revocation statement found in (or to be put into) a set's inline policy. */
export interface SessionRevocation {
  accountId: string;
  /** The identity store user ID (`identitystore:userId`). */
  userId: string;
  /** The first instant it can be removed; undefined when its Sid cannot be read (then it is removed). */
  until?: Date;
  sid: string;
}

type Statement = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `20261231T170000Z`: an instant as a Sid may carry it (letters and digits only). */
function sidStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The Sid of a revocation: prefix, account, user ID (letters and digits), end instant. */
export function revocationSid(accountId: string, userId: string, until: Date): string {
  return `${REVOKE_SID_PREFIX}${accountId}${userId.replace(/[^A-Za-z0-9]/g, '')}Until${sidStamp(until)}`;
}

/** The statement AWS documents, scoped to one account. */
export function revocationStatement(r: Pick<SessionRevocation, 'accountId' | 'userId' | 'sid'>): Statement {
  return {
    Sid: r.sid,
    Effect: 'Deny',
    Action: ['*'],
    Resource: '*',
    Condition: { StringEquals: { 'identitystore:userId': r.userId, 'aws:PrincipalAccount': r.accountId } },
  };
}

function untilOf(sid: string): Date | undefined {
  const m = UNTIL.exec(sid);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function firstString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
  return undefined;
}

function revocationOf(s: Statement): SessionRevocation | undefined {
  const sid = s['Sid'];
  if (typeof sid !== 'string' || !sid.startsWith(REVOKE_SID_PREFIX)) return undefined;
  const cond = isObject(s['Condition']) ? s['Condition'] : {};
  const eq = isObject(cond['StringEquals']) ? cond['StringEquals'] : {};
  const until = untilOf(sid);
  return {
    sid,
    accountId: firstString(eq['aws:PrincipalAccount']) ?? '',
    userId: firstString(eq['identitystore:userId']) ?? '',
    ...(until ? { until } : {}),
  };
}

/** An inline policy split into the file's part and idc's revocation statements. */
export interface SplitPolicy {
  /** The policy without revocation statements; absent when nothing else is left. */
  rest?: string;
  /** Sorted by account, then user ID. */
  revocations: SessionRevocation[];
}

function parsePolicy(text: string): Record<string, unknown> | undefined {
  try {
    const doc: unknown = JSON.parse(text);
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** One revocation per (account, user) in a set's policy: its key. */
export const revocationKey = (r: Pick<SessionRevocation, 'accountId' | 'userId'>): string => `${r.accountId}|${r.userId}`;

const byAccountUser = (a: SessionRevocation, b: SessionRevocation): number => compareStrings(revocationKey(a), revocationKey(b));

/**
 * Splits a live inline policy. Text that is not a JSON policy, or holds no revocation statement,
 * is returned as it is.
 */
export function splitRevocations(text: string | undefined): SplitPolicy {
  if (text === undefined || text.trim() === '') return { revocations: [] };
  const doc = parsePolicy(text);
  const raw = doc?.['Statement'];
  const statements = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw];
  const revocations: SessionRevocation[] = [];
  const kept: unknown[] = [];
  for (const s of statements) {
    const r = isObject(s) ? revocationOf(s) : undefined;
    if (r) revocations.push(r);
    else kept.push(s);
  }
  if (doc === undefined || revocations.length === 0) return { rest: text, revocations: [] };
  revocations.sort(byAccountUser);
  if (kept.length === 0) return { revocations };
  return { rest: JSON.stringify({ ...doc, Statement: kept }), revocations };
}

/**
 * The inline policy to put: the file's (or live) policy `base` with these revocation statements
 * appended, minified; undefined when there is neither (the inline policy is deleted).
 */
export function composePolicy(base: string | undefined, revocations: readonly SessionRevocation[]): string | undefined {
  const hasBase = base !== undefined && base.trim() !== '' && base.trim() !== '{}';
  if (revocations.length === 0) return hasBase ? base : undefined;
  const doc = hasBase ? (parsePolicy(base as string) ?? {}) : { Version: '2012-10-17' };
  const raw = doc['Statement'];
  const statements = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw];
  const added = [...revocations].sort(byAccountUser).map(revocationStatement);
  return JSON.stringify({ Version: '2012-10-17', ...doc, Statement: [...statements, ...added] });
}
