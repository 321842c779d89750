/**
 * The Desired that `idc export` reads with: an empty file that manages everything, with the
 * default ignore globs. Reading for it gets every user, group and membership (internal identity
 * source), every permission set in full except Control Tower's, and every assignment.
 */
import { DEFAULT_IGNORE, DEFAULT_MAX_DELETES } from '../config/normalise.js';
import type { Desired, IdentityCenterSettings, IdentitySource } from '../model/desired.js';
import { nameRecord } from '../model/name-record.js';

export interface ExportReadSettings {
  identitySource: IdentitySource;
  region?: string;
  instanceArn?: string;
}

export function exportDesired(settings: ExportReadSettings): Desired {
  const identityCenter: IdentityCenterSettings = { identitySource: settings.identitySource };
  if (settings.region !== undefined) identityCenter.region = settings.region;
  if (settings.instanceArn !== undefined) identityCenter.instanceArn = settings.instanceArn;
  const external = settings.identitySource === 'external';
  return {
    file: '(idc export)',
    version: 1,
    identityCenter,
    ownership: {
      users: external ? 'referenced' : 'managed',
      groups: external ? 'referenced' : 'managed',
      permissionSets: 'managed',
      assignments: 'managed',
      ignore: {
        users: [...DEFAULT_IGNORE.users],
        groups: [...DEFAULT_IGNORE.groups],
        permissionSets: [...DEFAULT_IGNORE.permissionSets],
      },
    },
    safety: { maxDeletes: { ...DEFAULT_MAX_DELETES }, protected: [] },
    users: nameRecord(),
    groups: nameRecord(),
    permissionSets: nameRecord(),
    accountAliases: nameRecord(),
    rules: [],
    positions: {},
  };
}
