/**
 * What `idc profiles` writes for some users of an access.yaml: the start URL, the Identity Center
 * region, and a profile per (account, permission set) they reach. access.yaml alone is enough
 * when it names the start URL (or the identity store) and its rules target `accounts:` aliases or
 * account IDs; otherwise the live state is read with the engine's own read (one read for both).
 */
import { startUrlOf } from '../aws/discover.js';
import type { Desired } from '../model/desired.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { Live } from '../model/live.js';
import { compareStrings, sortedStrings } from '../model/compare.js';
import type { ProfilesConfig } from './config-block.js';
import { nameProfiles } from './names.js';
import { organizationFromFile, organizationNeeds, reachOf, rulesFor } from './reach.js';

export interface ProfilesRequest {
  /** User names, or `all`. */
  users: readonly string[] | 'all';
  /** Region of the Identity Center instance (resolved like plan's). */
  ssoRegion: string;
  nameTemplate: string;
  /** `[sso-session]` name; default from the start URL's host (`d-1234567890`, `my-company`). */
  sessionName?: string;
  /** `region` of the profiles; default the Identity Center region. */
  region?: string;
  output: string;
  now: Date;
  /** Reads the live state (the engine's read); called at most once, only when the file is not enough. */
  readLive: () => Promise<Live>;
  /** Told why the live state is read. */
  note: (line: string) => void;
}

/** Users the file knows: defined under `users:`, or named by a group or a rule (external identity source). */
function knownUsers(desired: Desired): string[] {
  const names = new Set([...Object.keys(desired.users), ...Object.values(desired.groups).flatMap((g) => g.members), ...desired.rules.flatMap((r) => r.users)]);
  return [...names].sort(compareStrings);
}

function chosenUsers(desired: Desired, users: ProfilesRequest['users']): string[] {
  const known = knownUsers(desired);
  if (users === 'all') return known;
  for (const u of users) {
    if (!known.includes(u)) throw new Error(`user "${u}" is not in ${desired.file}${didYouMean(u, known)}`);
  }
  return sortedStrings(users);
}

/** `[sso-session NAME]`-safe name from the start URL's first host label. */
export function defaultSessionName(startUrl: string): string {
  let host = '';
  try {
    host = new URL(startUrl).hostname;
  } catch {
    // Validated by the schema; fall through to the generic name.
  }
  const label = host.split('.')[0] ?? '';
  return label.replace(/[^\w\-@+.%:/]/g, '-') || 'idc';
}

export async function buildProfiles(desired: Desired, request: ProfilesRequest): Promise<ProfilesConfig & { users: string[] }> {
  const users = chosenUsers(desired, request.users);
  const rules = rulesFor(desired, users);
  const needs = organizationNeeds(desired, rules);
  const settings = desired.identityCenter;
  const needInstance = settings.startUrl === undefined && settings.identityStoreId === undefined;

  let live: Live | undefined;
  if (needs.length > 0 || needInstance) {
    const why = [
      ...(needInstance ? ['the start URL: access.yaml sets neither identity_center.start_url nor identity_center.identity_store_id'] : []),
      ...needs.map((n) => `the accounts of ${n}`),
    ];
    request.note(`Reading Identity Center and the organization in ${request.ssoRegion} for ${why.join('; ')}.`);
    try {
      live = await request.readLive();
    } catch (e) {
      const fix = [
        ...(needInstance
          ? ['set identity_center.start_url in access.yaml (the AWS access portal URL, in the IAM Identity Center console under Settings)']
          : []),
        ...(needs.length > 0 ? ['target accounts through `accounts:` aliases'] : []),
        'or run with AWS credentials that can read Identity Center and Organizations (AWS_PROFILE=… after aws sso login)',
      ];
      throw new Error(`cannot read AWS (${e instanceof Error ? e.message : String(e)}). To write profiles, ${fix.join(', ')}`);
    }
  }

  // Once read, the live organization also gives accounts named only by ID their names.
  const org = live ? live.organization : organizationFromFile(desired, rules);
  const reaches = reachOf(desired, users, org, request.now);
  const startUrl = startUrlOf(settings, settings.identityStoreId ?? live?.instance.identityStoreId ?? '');
  return {
    users,
    sessionName: request.sessionName ?? defaultSessionName(startUrl),
    startUrl,
    ssoRegion: request.ssoRegion,
    region: request.region ?? request.ssoRegion,
    output: request.output,
    profiles: nameProfiles(request.nameTemplate, reaches),
    source: desired.file,
  };
}
