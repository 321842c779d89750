import type { IncomingHttpHeaders } from 'node:http';
import type { HandlerTable } from './context.js';
import { identityStoreHandlers } from './services/identitystore.js';
import { organizationsHandlers } from './services/organizations.js';
import { ssoAdminHandlers } from './services/sso-admin.js';

export type Service = 'sso-admin' | 'identitystore' | 'organizations' | 'sts';

export interface Route {
  service: Service;
  operation: string;
  /** undefined for sts (awsQuery) */
  handlers: HandlerTable | undefined;
}

/** JSON services by their X-Amz-Target prefix. */
const TARGETS: Record<string, { service: Service; handlers: HandlerTable }> = {
  SWBExternalService: { service: 'sso-admin', handlers: ssoAdminHandlers },
  AWSIdentityStore: { service: 'identitystore', handlers: identityStoreHandlers },
  AWSOrganizationsV20161128: { service: 'organizations', handlers: organizationsHandlers },
};

/** Which service and operation a request is for: X-Amz-Target for JSON, `Action=` for awsQuery (STS). */
export function route(headers: IncomingHttpHeaders, body: string): Route | undefined {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const dot = target.indexOf('.');
    const svc = TARGETS[target.slice(0, dot)];
    if (dot < 0 || !svc) return undefined;
    return { service: svc.service, operation: target.slice(dot + 1), handlers: svc.handlers };
  }
  const type = headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body).get('Action');
    if (action) return { service: 'sts', operation: action, handlers: undefined };
  }
  return undefined;
}

/** The access key ID from a SigV4 Authorization header. */
export function accessKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers['authorization'];
  if (typeof auth !== 'string') return undefined;
  return /Credential=([^/,\s]+)\//.exec(auth)?.[1];
}

/**
 * The region of a SigV4 Authorization header's credential scope
 * (`Credential=AKID/20260101/eu-west-1/sso/aws4_request`): the region the client signs for.
 */
export function signingRegionOf(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers['authorization'];
  if (typeof auth !== 'string') return undefined;
  return /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\//.exec(auth)?.[1];
}

export const isIdentityCenter = (s: Service): boolean => s === 'sso-admin' || s === 'identitystore';
