import { validation } from '../errors.js';
import { epoch, type Ctx, type HandlerTable } from '../context.js';
import { pageOf } from '../paging.js';
import type { EmailRec, UserRec } from '../state.js';
import { checkString, list, obj, str, type Input } from '../validate.js';
import {
  attributeString,
  checkStore,
  idsConflict,
  idsInvalidToken,
  idsNotFound,
  RESOURCE_ID,
  singleFilterValue,
  TEXT,
  TEXT_TEXT,
  uniqueAttribute,
} from './ids-common.js';

const USER_NAME = { required: true, min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, patternText: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+' } as const;
const NAME_PART = { required: true, min: 1, max: 1024, pattern: TEXT, patternText: TEXT_TEXT } as const;
const RESERVED = new Set(['administrator', 'awsadministrators']);

export function userShape(ctx: Ctx, u: UserRec): Record<string, unknown> {
  return {
    IdentityStoreId: ctx.state.identityStoreId,
    UserId: u.id,
    UserName: u.userName,
    ...(u.displayName !== undefined ? { DisplayName: u.displayName } : {}),
    Name: {
      ...(u.givenName !== undefined ? { GivenName: u.givenName } : {}),
      ...(u.familyName !== undefined ? { FamilyName: u.familyName } : {}),
    },
    Emails: u.emails.map((e) => ({ ...e })),
    UserStatus: 'ENABLED',
    CreatedAt: epoch(u.createdAt),
    UpdatedAt: epoch(u.updatedAt),
  };
}

function userName(value: unknown): string {
  const name = checkString(value, 'UserName', USER_NAME);
  if (RESERVED.has(name.toLowerCase())) throw validation(`UserName ${name} is reserved.`);
  return name;
}

/**
 * CreateUser takes exactly one email (the Terraform/Pulumi identitystore user resource, built on
 * this API, documents "At most 1 email is allowed"). UpdateUser's `emails` operation replaces the
 * whole list with the document it is given (API_UpdateUser / API_AttributeOperation). Whether
 * AWS also refuses a second address there is not documented: the emulator keeps any non-empty
 * list (at most one primary, no address twice), so a second address set outside access.yaml can
 * be represented and tests can show idc leaves it alone. A real store most likely holds one
 * address per user; what idc must then keep is that address's type and primary flag.
 * Accepts API (`Value`) and SCIM-style (`value`) member names.
 */
function emails(value: unknown, field: string, exactlyOne: boolean): EmailRec[] {
  if (!Array.isArray(value) || value.length === 0 || (exactlyOne && value.length !== 1)) {
    throw validation(exactlyOne ? `${field} must contain exactly one email address.` : `${field} must be a non-empty list of email addresses.`);
  }
  const out = value.map((e: unknown) => {
    if (typeof e !== 'object' || e === null) throw validation(`Invalid email in ${field}.`);
    const r = e as Input;
    const v = checkString(r['Value'] ?? r['value'], 'Value', {
      required: true,
      min: 1,
      max: 1024,
      pattern: /^[^\s@]+@[^\s@]+$/,
      patternText: 'an email address',
    });
    const type = r['Type'] ?? r['type'];
    const primary = r['Primary'] ?? r['primary'];
    return {
      Value: v,
      ...(typeof type === 'string' ? { Type: type } : {}),
      ...(typeof primary === 'boolean' ? { Primary: primary } : {}),
    };
  });
  if (out.filter((e) => e.Primary === true).length > 1) throw validation(`${field} can have only one primary email address.`);
  const seen = new Set<string>();
  for (const e of out) {
    if (seen.has(e.Value.toLowerCase())) throw validation(`${field} lists ${e.Value} twice.`);
    seen.add(e.Value.toLowerCase());
  }
  return out;
}

function checkUnique(ctx: Ctx, u: UserRec, selfId?: string): void {
  const byName = ctx.state.userByName.get(u.userName.toLowerCase());
  if (byName !== undefined && byName !== selfId) throw idsConflict(`Duplicate UserName: a user named ${u.userName} already exists.`);
  for (const e of u.emails) {
    const byEmail = ctx.state.userByEmail.get(e.Value.toLowerCase());
    if (byEmail !== undefined && byEmail !== selfId) throw idsConflict(`Duplicate email: ${e.Value} is already used by another user.`);
  }
}

export function getUser(ctx: Ctx, input: Input, field = 'UserId'): UserRec {
  checkStore(ctx, input);
  const id = str(input, field, RESOURCE_ID);
  const u = ctx.state.users.get(id);
  if (!u) throw idsNotFound('USER', id);
  return u;
}

function applyOperation(u: UserRec, op: Input): void {
  const path = checkString(op['AttributePath'], 'AttributePath', { required: true, min: 1, max: 255 });
  const value = op['AttributeValue'];
  switch (path.toLowerCase()) {
    case 'username':
      u.userName = userName(value);
      return;
    case 'displayname':
      u.displayName = attributeString(value, path);
      return;
    case 'name.givenname':
      u.givenName = attributeString(value, path);
      return;
    case 'name.familyname':
      u.familyName = attributeString(value, path);
      return;
    case 'emails':
      u.emails = emails(value, path, false);
      return;
    default:
      throw validation(`Unsupported attribute path ${path}: the emulator supports userName, displayName, name.givenName, name.familyName, emails.`);
  }
}

export const userHandlers: HandlerTable = {
  CreateUser(ctx: Ctx, input: Input) {
    checkStore(ctx, input);
    const name = obj(input, 'Name', true);
    const u: UserRec = {
      id: ctx.gen.ids.uuid(),
      userName: userName(input['UserName']),
      displayName: str(input, 'DisplayName', NAME_PART),
      givenName: checkString(name['GivenName'], 'Name.GivenName', NAME_PART),
      familyName: checkString(name['FamilyName'], 'Name.FamilyName', NAME_PART),
      emails: emails(input['Emails'], 'Emails', true),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    checkUnique(ctx, u);
    ctx.state.addUser(u);
    return { IdentityStoreId: ctx.state.identityStoreId, UserId: u.id };
  },

  DescribeUser(ctx: Ctx, input: Input) {
    return userShape(ctx, getUser(ctx, input));
  },

  UpdateUser(ctx: Ctx, input: Input) {
    const u = getUser(ctx, input);
    const ops = list(input, 'Operations', { required: true, min: 1, max: 100 }) ?? [];
    const next: UserRec = { ...u, emails: [...u.emails] };
    for (const op of ops) applyOperation(next, (op ?? {}) as Input);
    checkUnique(ctx, next, u.id);
    ctx.state.unindexUser(u);
    Object.assign(u, next, { updatedAt: ctx.now });
    ctx.state.addUser(u);
    return {};
  },

  DeleteUser(ctx: Ctx, input: Input) {
    const u = getUser(ctx, input);
    ctx.state.removeUser(u.id);
    return {};
  },

  /** Filters: at most one, on UserName. */
  ListUsers(ctx: Ctx, input: Input) {
    checkStore(ctx, input);
    const value = singleFilterValue(input, 'UserName');
    if (value !== undefined) {
      const id = ctx.state.userByName.get(value.toLowerCase());
      const u = id === undefined ? undefined : ctx.state.users.get(id);
      return { Users: u ? [userShape(ctx, u)] : [] };
    }
    const page = pageOf(ctx.state.users, input, { op: 'ListUsers', max: 100, def: 100, invalid: idsInvalidToken });
    return { Users: page.items.map((u) => userShape(ctx, u)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },

  /** AlternateIdentifier.UniqueAttribute on userName or emails.value. */
  GetUserId(ctx: Ctx, input: Input) {
    checkStore(ctx, input);
    const { path, value } = uniqueAttribute(input, 'USER');
    let id: string | undefined;
    if (path === 'username') id = ctx.state.userByName.get(value.toLowerCase());
    else if (path === 'emails.value') id = ctx.state.userByEmail.get(value.toLowerCase());
    else throw validation(`${path} is not a unique attribute: use userName or emails.value.`);
    if (id === undefined) throw idsNotFound('USER', value);
    return { IdentityStoreId: ctx.state.identityStoreId, UserId: id };
  },
};
