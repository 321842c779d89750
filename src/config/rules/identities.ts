/** Users and groups: required fields, reserved names, unique emails, group members. */
import type { Diagnostic } from '../../model/source.js';
import { describeThing } from '../describe.js';
import { placeFrom } from '../source-map.js';
import { didYouMean } from '../../model/did-you-mean.js';
import type { Rule, RuleContext } from './context.js';
import { errorAt, errorAtKey, rawObject } from './context.js';

const USER_FIELDS = ['display_name', 'given_name', 'family_name', 'email'] as const;
const RESERVED_USER_NAMES = ['Administrator', 'AWSAdministrators'];

/** Identity Center requires display, given and family name and an email for users it stores. */
export const userRequiredFields: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    if (ctx.desired.ownership.users !== 'managed') return [];
    const out: Diagnostic[] = [];
    const users = rawObject(ctx.data['users']);
    for (const name of Object.keys(users)) {
      const u = users[name];
      if (u !== null && typeof u === 'object' && !Array.isArray(u)) {
        const missing = USER_FIELDS.filter((f) => (u as Record<string, unknown>)[f] === undefined);
        if (missing.length === 0) continue;
        out.push(
          errorAtKey(
            ctx,
            ['users', name],
            `${describeThing(['users', name])} is missing ${missing.join(', ')}: Identity Center requires display_name, given_name, family_name and email for users this file manages (or set ownership.users: referenced)`,
          ),
        );
      }
    }
    return out;
  },
};

export const reservedUserNames: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    return Object.keys(rawObject(ctx.data['users']))
      .filter((name) => RESERVED_USER_NAMES.some((r) => r.toLowerCase() === name.toLowerCase()))
      .map((name) => errorAtKey(ctx, ['users', name], `user name "${name}" is reserved by Identity Center: choose another name`));
  },
};

/** Each user has an email of their own (compared without case). */
export const uniqueEmails: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const users = rawObject(ctx.data['users']);
    const first = new Map<string, string>();
    for (const name of Object.keys(users)) {
      const email = rawObject(users[name])['email'];
      if (typeof email !== 'string') continue;
      const key = email.toLowerCase();
      const owner = first.get(key);
      if (owner === undefined) {
        first.set(key, name);
        continue;
      }
      const there = ctx.source.at(['users', owner, 'email']);
      out.push(
        errorAt(
          ctx,
          ['users', name, 'email'],
          `email "${email}" of ${describeThing(['users', name])} is already the email of user "${owner}" (${placeFrom(there, ctx.source.at(['users', name, 'email']))}): each user needs an email of their own`,
        ),
      );
    }
    return out;
  },
};

/** Members are defined users (when users are managed); a group is never a member. */
export const groupMembers: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const { users, groups, ownership } = ctx.desired;
    const raw = rawObject(ctx.data['groups']);
    for (const group of Object.keys(raw)) {
      const members = rawObject(raw[group])['members'];
      if (!Array.isArray(members)) continue;
      if (ownership.groups === 'referenced' && members.length > 0) {
        out.push(
          errorAtKey(
            ctx,
            ['groups', group, 'members'],
            `members of ${describeThing(['groups', group])} cannot be set: ownership.groups is referenced, so this file never changes groups; remove members or set ownership.groups: managed`,
          ),
        );
        continue;
      }
      members.forEach((m: unknown, i) => {
        if (typeof m !== 'string' || users[m] !== undefined) return;
        const segs = ['groups', group, 'members', i];
        if (groups[m] !== undefined) {
          out.push(
            errorAt(
              ctx,
              segs,
              `group "${group}" lists group "${m}" as a member: Identity Center groups cannot contain groups; list the users of "${m}" instead`,
            ),
          );
        } else if (ownership.users === 'managed') {
          out.push(
            errorAt(
              ctx,
              segs,
              `member "${m}" of group "${group}" is not a user defined in users${didYouMean(m, Object.keys(users)) || ': define it under users'}`,
            ),
          );
        }
      });
    }
    return out;
  },
};
