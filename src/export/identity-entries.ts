/** Users and groups as they are written in access.yaml. */
import type { LiveGroup, LiveUser } from '../model/identity.js';
import type { Entry } from './entry.js';
import { count, noun } from '../model/plural.js';

const USER_FIELDS = [
  ['display_name', 'displayName'],
  ['given_name', 'givenName'],
  ['family_name', 'familyName'],
  ['email', 'email'],
] as const;

/**
 * A user. Identity Center can hold users without some of the fields access.yaml requires for
 * managed users: those are left out with a comment, so the file tells what to fill in.
 */
export function userEntry(user: LiveUser): Entry {
  const value: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [key, field] of USER_FIELDS) {
    const v = user[field];
    if (v === '') missing.push(key);
    else value[key] = v;
  }
  if (missing.length === 0) return { value, comments: [], warnings: [] };
  const list = missing.join(', ');
  return {
    value,
    comments: [`TODO: Identity Center has no ${list} for this user; access.yaml requires ${noun(missing.length, 'it', 'them')}: fill in before planning.`],
    warnings: [`user "${user.userName}" has no ${list} in Identity Center: fill ${noun(missing.length, 'it', 'them')} in before running idc plan`],
  };
}

/** A group with its members (user names, sorted). Members that are not known users get a comment. */
export function groupEntry(group: LiveGroup): Entry {
  const value: Record<string, unknown> = {};
  if (group.description !== undefined && group.description !== '') value['description'] = group.description;
  value['members'] = [...group.members];
  const unresolved = group.unresolvedMemberIds;
  if (unresolved.length === 0) return { value, comments: [], warnings: [] };
  const n = unresolved.length;
  const what = `${count(n, 'member')} of group "${group.displayName}" ${noun(n, 'is', 'are')} not a known user (${unresolved.join(', ')})`;
  return {
    value,
    comments: [`Not exported: ${what.replace(/ of group "[^"]*"/, '')}; idc leaves ${noun(n, 'it', 'them')} alone.`],
    warnings: [`${what}: not exported`],
  };
}
