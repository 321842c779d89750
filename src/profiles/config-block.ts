/**
 * The block `idc profiles` writes into ~/.aws/config: one `[sso-session]` and one `[profile]` per
 * (account, permission set), between two marker comments that `--merge` finds again to update or
 * prune what it wrote before. The format is the AWS CLI's (docs.aws.amazon.com/cli/latest/
 * userguide/sso-configure-profile-token.html): the SDKs and Terraform read the same file.
 */
import { accountLabel } from '../model/organization.js';
import { plainText } from '../render/escape.js';
import type { Reach } from './reach.js';

/** The one scope `aws sso login` needs for account access (sso:account:access). */
export const SSO_REGISTRATION_SCOPES = 'sso:account:access';

export interface ProfilesConfig {
  /** Name of the `[sso-session]` section; the block's markers carry it. */
  sessionName: string;
  startUrl: string;
  /** Region of the Identity Center instance. */
  ssoRegion: string;
  /** `region` of every profile: where commands go by default. */
  region: string;
  /** `output` of every profile (json, yaml, text, table). */
  output: string;
  /** Profile name → what it opens. */
  profiles: ReadonlyMap<string, Reach>;
  /** The access.yaml it comes from, for the comment. */
  source: string;
}

/** The key/value pairs of each section, as the SDK's ini loader must read them back. */
export interface Sections {
  /** `sso-session.NAME` (the SDK's key for `[sso-session NAME]`) and profile names. */
  [section: string]: Record<string, string>;
}

export function sections(config: ProfilesConfig): Sections {
  const out: Sections = {
    [`sso-session.${config.sessionName}`]: {
      sso_start_url: config.startUrl,
      sso_region: config.ssoRegion,
      sso_registration_scopes: SSO_REGISTRATION_SCOPES,
    },
  };
  for (const [name, reach] of config.profiles) {
    out[name] = {
      sso_session: config.sessionName,
      sso_account_id: reach.accountId,
      sso_role_name: reach.permissionSet,
      region: config.region,
      output: config.output,
    };
  }
  return out;
}

export function beginMarker(sessionName: string): string {
  return `# >>> idc profiles: sso-session ${sessionName} >>>`;
}

export function endMarker(sessionName: string): string {
  return `# <<< idc profiles: sso-session ${sessionName} <<<`;
}

/** The block, markers included, ending with a newline. */
export function renderBlock(config: ProfilesConfig): string {
  const lines = [
    beginMarker(config.sessionName),
    `# Written by "idc profiles" from ${plainText(config.source)}: "idc profiles --merge" rewrites everything`,
    '# between these two markers (edit access.yaml instead). Sign in with:',
    `#   aws sso login --sso-session ${config.sessionName}`,
  ];
  for (const [section, values] of Object.entries(sections(config))) {
    lines.push('');
    const reach = config.profiles.get(section);
    if (reach) lines.push(`# ${plainText(`${reach.permissionSet} on ${accountLabel(reach.accountId, reach.accountName)}, for ${reach.users.join(', ')}`)}`);
    lines.push(section.startsWith('sso-session.') ? `[sso-session ${config.sessionName}]` : `[profile ${section}]`);
    for (const [key, value] of Object.entries(values)) lines.push(`${key} = ${value}`);
  }
  lines.push(endMarker(config.sessionName));
  return `${lines.join('\n')}\n`;
}
