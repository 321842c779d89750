/** Resolving the account and OU references of assignment rules against the organization. */
import { UNKNOWN_ACCOUNT, type Account, type Organization, type OrganizationalUnit } from '../model/organization.js';
import { compareStrings } from '../model/compare.js';
import { didYouMean } from '../model/did-you-mean.js';
import { byName } from '../model/name-record.js';

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

const ACCOUNT_ID = /^\d{12}$/;

export class AccountIndex {
  readonly byId = new Map<string, Account>();
  readonly byName = new Map<string, Account[]>();
  private readonly ouById = new Map<string, OrganizationalUnit>();
  private readonly ouByPath = new Map<string, OrganizationalUnit>();
  private readonly childOus = new Map<string, string[]>();

  constructor(
    readonly org: Organization,
    readonly aliases: Record<string, string>,
  ) {
    for (const a of org.accounts) {
      this.byId.set(a.id, a);
      const same = this.byName.get(a.name) ?? [];
      same.push(a);
      this.byName.set(a.name, same);
    }
    for (const ou of org.organizationalUnits ?? []) {
      this.ouById.set(ou.id, ou);
      this.ouByPath.set(normaliseOuPath(ou.path), ou);
      // Stryker disable next-line ArrayDeclaration: a made-up child ID matches no OU or account, so nothing changes
      const siblings = this.childOus.get(ou.parentId) ?? [];
      siblings.push(ou.id);
      this.childOus.set(ou.parentId, siblings);
    }
  }

  /** Name of an account for people; `unknown account` when it is not in the organization. */
  nameOf(accountId: string): string {
    return this.byId.get(accountId)?.name ?? UNKNOWN_ACCOUNT;
  }

  /** An account ID, an `accounts:` alias, or an Organizations account name. */
  resolveAccount(ref: string): Resolved<Account> {
    const aliased = byName(this.aliases, ref);
    if (aliased !== undefined) {
      const a = this.byId.get(aliased);
      return a ? { ok: true, value: a } : { ok: false, message: `account alias "${ref}" points to ${aliased}, which is not in the organization` };
    }
    if (ACCOUNT_ID.test(ref)) {
      const a = this.byId.get(ref);
      return a ? { ok: true, value: a } : { ok: false, message: `account ${ref} is not in the organization` };
    }
    const named = this.byName.get(ref) ?? [];
    if (named.length === 1) return { ok: true, value: named[0] as Account };
    // Stryker disable next-line EqualityOperator: `>= 1` is the same, length 1 returned just above
    if (named.length > 1) {
      const ids = named
        .map((a) => a.id)
        .sort(compareStrings)
        .join(', ');
      return { ok: false, message: `account name "${ref}" matches ${named.length} accounts (${ids}): use the account ID` };
    }
    const candidates = [...Object.keys(this.aliases), ...this.byName.keys()];
    return {
      ok: false,
      message: `account "${ref}" is not an account ID, an alias under accounts:, or the name of an account in the organization${didYouMean(ref, candidates)}`,
    };
  }

  /** Accounts under an OU (by path or `ou-…` ID, nested OUs included; `/` or `r-…` is the root). */
  resolveOu(ref: string): Resolved<Account[]> {
    if (ref === '/' || ref === this.org.rootId) return { ok: true, value: [...this.org.accounts] };
    if (this.org.organizationalUnits === undefined) {
      return { ok: false, message: `organizational unit "${ref}" cannot be resolved: the OU tree was not read` };
    }
    const ou = ref.startsWith('ou-') ? this.ouById.get(ref) : this.ouByPath.get(normaliseOuPath(ref));
    if (ou === undefined) {
      const candidates = ref.startsWith('ou-') ? [...this.ouById.keys()] : [...this.ouByPath.keys()];
      return {
        ok: false,
        message: `organizational unit "${ref}" is not in the organization${didYouMean(normaliseOuPath(ref), candidates)}`,
      };
    }
    const under = new Set<string>();
    const stack = [ou.id];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      under.add(id);
      stack.push(...(this.childOus.get(id) ?? []));
    }
    return { ok: true, value: this.org.accounts.filter((a) => a.parentId !== undefined && under.has(a.parentId)) };
  }
}

/** `Workloads/Prod/` → `/Workloads/Prod`. */
export function normaliseOuPath(path: string): string {
  let p = path.trim();
  if (!p.startsWith('/')) p = `/${p}`;
  // Stryker disable next-line EqualityOperator: `>= 1` turns "/" into "", and neither is an OU path (the root is resolved before)
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}
