import { AwsError } from '../errors.js';
import type { Ctx } from '../context.js';
import { assumableRole } from '../iam-roles.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function element(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'object' && value !== null) {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${esc(String(value))}</${name}>`;
}

/** An awsQuery response document. */
export function queryResponse(action: string, result: Record<string, unknown>, requestId: string): string {
  return (
    `<${action}Response xmlns="${NS}">${element(`${action}Result`, result)}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryError(e: AwsError, requestId: string): string {
  const type = e.status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${esc(e.code)}</Code><Message>${esc(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function required(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (!v) throw new AwsError('ValidationError', `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  return v;
}

/** sts (awsQuery): GetCallerIdentity and AssumeRoleWithWebIdentity. Returns the Result members. */
export function handleSts(ctx: Ctx, action: string, params: URLSearchParams): Record<string, unknown> {
  if (action === 'GetCallerIdentity') {
    const user = ctx.caller.arn.split('/').slice(1).join(':') || 'AIDAEMULATOR';
    return { UserId: `AROAEMULATOR:${user}`, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
  }
  if (action === 'AssumeRoleWithWebIdentity') {
    const roleArn = required(params, 'RoleArn');
    const session = required(params, 'RoleSessionName');
    const token = required(params, 'WebIdentityToken');
    const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
    if (!m) throw new AwsError('ValidationError', `Invalid RoleArn ${roleArn}.`);
    const accountId = m[1] as string;
    const roleName = m[2] as string;
    const claims = jwtClaims(token);
    // With roles configured, the token must satisfy the role's trust policy; the session carries its policies.
    const role = ctx.iam ? assumableRole(ctx.iam, roleArn, claims) : undefined;
    const duration = Number(params.get('DurationSeconds') ?? 3600);
    const keyId = `ASIA${ctx.gen.ids.hex(16).toUpperCase()}`;
    const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`;
    ctx.sessions.set(keyId, { accountId, arn, ...(role ? { policies: role.permissionPolicies } : {}) });
    return {
      Credentials: {
        AccessKeyId: keyId,
        SecretAccessKey: ctx.gen.ids.hex(40),
        SessionToken: `emulator-session-${ctx.gen.ids.hex(32)}`,
        Expiration: new Date(ctx.now + duration * 1000).toISOString(),
      },
      SubjectFromWebIdentityToken: typeof claims['sub'] === 'string' ? claims['sub'] : 'emulator-subject',
      AssumedRoleUser: { AssumedRoleId: `AROA${ctx.gen.ids.hex(16).toUpperCase()}:${session}`, Arn: arn },
      Provider: typeof claims['iss'] === 'string' ? claims['iss'] : 'token.actions.githubusercontent.com',
      Audience: typeof claims['aud'] === 'string' ? claims['aud'] : 'sts.amazonaws.com',
    };
  }
  throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, 400);
}
