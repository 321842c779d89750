/** Permission sets and their re-provisioning: Desired against Live. */
import type { LivePermissionSet, PermissionSet } from '../model/permission-set.js';
import type { Diagnostic } from '../model/source.js';
import { compareStrings, sortedStrings } from '../model/compare.js';
import { readOnlyReason, type PlanContext } from './context.js';
import { diagnosticAt, positionOf } from './expand.js';
import { changedFields, permissionSetOf, presentFields } from './permission-set-fields.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { PermissionSetChange, ProvisionChange } from './types.js';
import { byName, hasName } from '../model/name-record.js';

export interface PermissionSetDiff {
  permissionSets: PermissionSetChange[];
  provisions: ProvisionChange[];
  /** Names of the sets that exist after the plan. */
  setsAfter: Set<string>;
  /** The configuration of each set after the plan. */
  configAfter: Map<string, PermissionSet>;
  diagnostics: Diagnostic[];
}

export function diffPermissionSets(ctx: PlanContext): PermissionSetDiff {
  const { desired, live } = ctx;
  const out: PermissionSetDiff = { permissionSets: [], provisions: [], setsAfter: new Set(), configAfter: new Map(), diagnostics: [] };
  const keep = (ps: PermissionSet): void => {
    out.setsAfter.add(ps.name);
    out.configAfter.set(ps.name, permissionSetOf(ps));
  };
  const drift = (have: LivePermissionSet): void => {
    if (ctx.permissionSetsWritable && have.outdatedAccountIds.length > 0) {
      out.provisions.push({
        kind: 'provision',
        action: 'update',
        permissionSet: have.name,
        accountIds: sortedStrings(have.outdatedAccountIds),
        reason: 'drift',
      });
    }
  };

  for (const name of Object.keys(desired.permissionSets).sort(compareStrings)) {
    const want = desired.permissionSets[name] as PermissionSet;
    const have = byName(live.permissionSets, name);
    const pos = positionOf(desired, ['permission_sets', name], { file: desired.file, line: 1, col: 1 });
    if (ctx.ignoredPermissionSet(name)) {
      out.diagnostics.push(diagnosticAt(pos, 'warning', `permission set "${name}" matches ownership.ignore.permission_sets: idc leaves it alone`));
      if (have) keep(have);
      continue;
    }
    if (have === undefined) {
      if (!ctx.permissionSetsWritable) {
        out.diagnostics.push(
          diagnosticAt(
            pos,
            'error',
            `permission set "${name}" does not exist in Identity Center (${readOnlyReason(desired, 'permission_sets')})${didYouMean(name, Object.keys(live.permissionSets))}`,
          ),
        );
        continue;
      }
      const after = permissionSetOf(want);
      out.permissionSets.push({ kind: 'permission-set', action: 'create', name, after, fields: presentFields(after), pos });
      keep(want);
      continue;
    }
    if (!ctx.permissionSetsWritable) {
      keep(have);
      continue;
    }
    keep(want);
    const fields = changedFields(want, have);
    if (fields.length > 0) {
      out.permissionSets.push({
        kind: 'permission-set',
        action: 'update',
        name,
        before: permissionSetOf(have),
        after: permissionSetOf(want),
        fields,
        pos,
      });
    }
    // Tags reach no account; every other edit must be provisioned to the accounts that have the set.
    const accounts = sortedStrings([...have.provisionedAccountIds, ...have.outdatedAccountIds]);
    if (fields.some((f) => f !== 'tags') && accounts.length > 0) {
      out.provisions.push({ kind: 'provision', action: 'update', permissionSet: name, accountIds: accounts, reason: 'edited' });
    } else drift(have);
  }

  for (const name of Object.keys(live.permissionSets).sort(compareStrings)) {
    if (hasName(desired.permissionSets, name)) continue;
    const have = live.permissionSets[name] as LivePermissionSet;
    if (ctx.permissionSetsWritable && !ctx.ignoredPermissionSet(name)) {
      out.permissionSets.push({ kind: 'permission-set', action: 'delete', name, before: permissionSetOf(have), fields: [] });
    } else keep(have);
  }
  return out;
}
