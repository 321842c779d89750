import { AwsError, validation } from '../errors.js';
import type { Ctx } from '../context.js';
import { checkString, list, obj, str, type Input } from '../validate.js';

export const RESOURCE_ID = {
  required: true,
  min: 1,
  max: 47,
  pattern: /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/,
  patternText: '([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}',
} as const;
/** Printable text without control characters other than tab/CR/LF. */
export const TEXT = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00A0\u3000]+$/u;
export const TEXT_TEXT = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r  　]+';

export type IdsResource = 'USER' | 'GROUP' | 'GROUP_MEMBERSHIP' | 'IDENTITY_STORE';

export function idsNotFound(type: IdsResource, id: string, requestId?: string): AwsError {
  const noun = { USER: 'User', GROUP: 'Group', GROUP_MEMBERSHIP: 'GroupMembership', IDENTITY_STORE: 'IdentityStore' }[type];
  return new AwsError('ResourceNotFoundException', `${noun} not found.`, 400, {
    ResourceType: type,
    ResourceId: id,
    ...(requestId ? { RequestId: requestId } : {}),
  });
}

export function idsConflict(message: string): AwsError {
  return new AwsError('ConflictException', message, 409, { Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' });
}

export const idsInvalidToken = (): AwsError => validation('The provided next token is invalid.');

/** Checks IdentityStoreId names this emulator's identity store. */
export function checkStore(ctx: Ctx, input: Input): void {
  const id = str(input, 'IdentityStoreId', {
    required: true,
    min: 1,
    max: 36,
    pattern: /^d-[0-9a-f]{10}$|^[0-9a-f]{8}\b-[0-9a-f]{4}\b-[0-9a-f]{4}\b-[0-9a-f]{4}\b-[0-9a-f]{12}$/,
    patternText: 'd-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}',
  });
  if (id !== ctx.state.identityStoreId) throw idsNotFound('IDENTITY_STORE', id);
}

/** An attribute value from UpdateUser/UpdateGroup operations. */
export function attributeString(value: unknown, path: string, max = 1024): string {
  if (typeof value !== 'string' || value.length === 0 || [...value].length > max) {
    throw validation(`Invalid value for attribute ${path}: expected a string of 1 to ${max} characters.`);
  }
  return value;
}

/**
 * The one `Filters` entry ListUsers/ListGroups accept, on `attribute` only (case-insensitive,
 * as AWS compares attribute paths): its value, or undefined when the call has no filter.
 */
export function singleFilterValue(input: Input, attribute: string): string | undefined {
  const filters = list(input, 'Filters', { max: 1 }) ?? [];
  const f = filters[0] as Input | undefined;
  if (!f) return undefined;
  const path = checkString(f['AttributePath'], 'AttributePath', { required: true, min: 1, max: 255 });
  const value = checkString(f['AttributeValue'], 'AttributeValue', { required: true, min: 1, max: 1024 });
  if (path.toLowerCase() !== attribute.toLowerCase()) {
    throw validation(`Filtering on ${path} is not supported: filter on ${attribute}.`);
  }
  return value;
}

/** `AlternateIdentifier.UniqueAttribute` of GetUserId/GetGroupId (ExternalId lookups: not found). */
export function uniqueAttribute(input: Input, type: 'USER' | 'GROUP'): { path: string; value: string } {
  const alt = obj(input, 'AlternateIdentifier', true);
  const unique = obj(alt, 'UniqueAttribute');
  if (!unique) throw idsNotFound(type, 'ExternalId');
  const path = checkString(unique['AttributePath'], 'AttributePath', { required: true, min: 1, max: 255 });
  const value = unique['AttributeValue'];
  if (typeof value !== 'string') throw validation('AttributeValue must be a string.');
  return { path: path.toLowerCase(), value };
}
