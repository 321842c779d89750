/**
 * Account aliases for the exported file: a short, YAML-safe slug of each Organizations account
 * name (`Prod Workloads` → `prod-workloads`), unique across the accounts the file targets.
 */
import type { Account } from '../model/organization.js';
import { compareStrings } from '../model/compare.js';

/** `Prod Workloads (EU)` → `prod-workloads-eu`; empty when nothing usable is left. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * One alias per account, by account ID. A slug that is empty or only digits (it would read as an
 * account ID) becomes `account-<id>`; accounts whose slugs collide get `-<last 4 digits>` (or the
 * whole ID if that still collides). Deterministic: depends only on the accounts' names and IDs.
 */
export function accountAliases(accounts: readonly Pick<Account, 'id' | 'name'>[]): Map<string, string> {
  const sorted = [...accounts].sort((a, b) => compareStrings(a.id, b.id));
  const base = new Map<string, string>();
  for (const a of sorted) {
    const slug = slugOf(a.name);
    base.set(a.id, slug === '' || /^\d+$/.test(slug) ? `account-${a.id}` : slug);
  }
  const count = new Map<string, number>();
  for (const slug of base.values()) count.set(slug, (count.get(slug) ?? 0) + 1);

  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const a of sorted) {
    const slug = base.get(a.id) as string;
    let alias = (count.get(slug) ?? 0) > 1 ? `${slug}-${a.id.slice(-4)}` : slug;
    if (taken.has(alias) || (alias !== slug && count.has(alias))) alias = `${slug}-${a.id}`;
    taken.add(alias);
    out.set(a.id, alias);
  }
  return out;
}
