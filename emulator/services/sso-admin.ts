import type { HandlerTable } from '../context.js';
import { assignmentHandlers } from './sso-assignments.js';
import { instanceHandlers } from './sso-instances.js';
import { permissionSetHandlers } from './sso-permission-sets.js';
import { policyHandlers } from './sso-policies.js';
import { provisioningHandlers } from './sso-provisioning.js';
import { tagHandlers } from './sso-tags.js';

/** sso-admin (`SWBExternalService.*`). */
export const ssoAdminHandlers: HandlerTable = {
  ...instanceHandlers,
  ...permissionSetHandlers,
  ...policyHandlers,
  ...tagHandlers,
  ...assignmentHandlers,
  ...provisioningHandlers,
};
