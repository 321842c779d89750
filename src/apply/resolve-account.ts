/** Account references as people write them (ID, alias from `accounts:`, Organizations name) → ID. */
import type { Desired } from '../model/desired.js';
import type { Live } from '../model/live.js';

export type AccountResolution = { ok: true; accountId: string } | { ok: false; problem: string };

export function resolveAccount(reference: string, desired: Desired, live: Live): AccountResolution {
  if (/^\d{12}$/.test(reference)) return { ok: true, accountId: reference };
  const alias = desired.accountAliases[reference];
  if (alias !== undefined) return { ok: true, accountId: alias };
  const byName = live.organization.accounts.filter((a) => a.name === reference);
  const only = byName[0];
  if (byName.length === 1 && only) return { ok: true, accountId: only.id };
  if (byName.length > 1) {
    const ids = byName.map((a) => a.id).join(', ');
    return { ok: false, problem: `account name "${reference}" is ambiguous (${ids}): use the account ID or an alias` };
  }
  return {
    ok: false,
    problem: `account "${reference}" is not an account ID, an alias under accounts:, or an account name in the organization: fix access.yaml`,
  };
}
