import type { HandlerTable } from '../context.js';
import { groupHandlers } from './ids-groups.js';
import { membershipHandlers } from './ids-memberships.js';
import { userHandlers } from './ids-users.js';

/** identitystore (`AWSIdentityStore.*`). */
export const identityStoreHandlers: HandlerTable = { ...userHandlers, ...groupHandlers, ...membershipHandlers };
