/**
 * npm run bench:emulator — loads a large generated world into the emulator and compares the cost
 * of list calls (through the real SDK clients, over HTTP) against a small world.
 * Last line: RESULT load_ms=… list_call_ms_small=… list_call_ms_large=…
 */
import { ListGroupMembershipsCommand, ListUsersCommand } from '@aws-sdk/client-identitystore';
import { ListAccountsCommand, ListAccountsForParentCommand } from '@aws-sdk/client-organizations';
import {
  ListAccountAssignmentsCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListPermissionSetsCommand,
  ListPermissionSetsProvisionedToAccountCommand,
} from '@aws-sdk/client-sso-admin';
import { generateWorld, startEmulator, type WorldSize } from '../emulator/index.js';
import { clients } from '../emulator/sdk-clients.js';
import type { World } from '../emulator/world-types.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-72230000a1b2c3d4';
const STORE = 'd-9067000001';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 40);
/** Same page size in both worlds, so the figures compare the cost of a call, not of a bigger answer. */
const PAGE = 5;

const LARGE: WorldSize = { accounts: 1000, permissionSets: 200, users: 5000, groups: 500, assignments: 30000 };
const SMALL: WorldSize = { accounts: 10, permissionSets: 5, users: 20, groups: 5, assignments: 30 };

const round = (n: number, d = 3): number => Math.round(n * 10 ** d) / 10 ** d;

/** Mean ms per list call over a fixed mix of list calls (first and later pages), pages of PAGE items. */
async function measure(world: World): Promise<{ loadMs: number; perCall: number; calls: number; byOp: Record<string, number> }> {
  const t0 = performance.now();
  const emu = await startEmulator({ world, rateLimit: 0, orgEmptyPageRate: 0 });
  const loadMs = performance.now() - t0;
  const c = clients(emu);
  const ps = world.permissionSets![0]!.arn!;
  const a = world.assignments!.find((x) => x.permissionSet === ps)!;
  const group = world.groups![0]!.id;
  const parent = world.organization.organizationalUnits![0]!.id;
  // A later page: take the token after the first page.
  const usersToken = (await c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: 10 }))).NextToken;
  const accountsToken = (await c.org.send(new ListAccountsCommand({ MaxResults: 5 }))).NextToken;
  const mix: [string, () => Promise<unknown>][] = [
    ['ListAccounts', () => c.org.send(new ListAccountsCommand({ MaxResults: PAGE }))],
    ['ListAccounts(page 2)', () => c.org.send(new ListAccountsCommand({ MaxResults: PAGE, ...(accountsToken ? { NextToken: accountsToken } : {}) }))],
    ['ListAccountsForParent', () => c.org.send(new ListAccountsForParentCommand({ ParentId: parent, MaxResults: PAGE }))],
    ['ListPermissionSets', () => c.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE, MaxResults: PAGE }))],
    ['ListUsers', () => c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: PAGE }))],
    [
      'ListUsers(page 2)',
      () => c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: PAGE, ...(usersToken ? { NextToken: usersToken } : {}) })),
    ],
    ['ListGroupMemberships', () => c.ids.send(new ListGroupMembershipsCommand({ IdentityStoreId: STORE, GroupId: group, MaxResults: PAGE }))],
    [
      'ListAccountAssignments',
      () => c.sso.send(new ListAccountAssignmentsCommand({ InstanceArn: INSTANCE, AccountId: a.accountId, PermissionSetArn: ps, MaxResults: PAGE })),
    ],
    [
      'ListAccountsForProvisionedPermissionSet',
      () => c.sso.send(new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, MaxResults: PAGE })),
    ],
    [
      'ListPermissionSetsProvisionedToAccount',
      () => c.sso.send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: INSTANCE, AccountId: a.accountId, MaxResults: PAGE })),
    ],
  ];
  for (const [, call] of mix) await call(); // warm-up (connections, JIT)
  const byOp: Record<string, number> = {};
  let total = 0;
  let calls = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, call] of mix) {
      const s = performance.now();
      await call();
      const ms = performance.now() - s;
      byOp[name] = (byOp[name] ?? 0) + ms;
      total += ms;
      calls++;
    }
  }
  await emu.close();
  for (const k of Object.keys(byOp)) byOp[k] = round((byOp[k] ?? 0) / ROUNDS);
  return { loadMs, perCall: total / calls, calls, byOp };
}

const g0 = performance.now();
const large = generateWorld(LARGE);
const genMs = performance.now() - g0;
const json = JSON.stringify(large);
console.log(`generated large world in ${round(genMs, 1)} ms (${(json.length / 1e6).toFixed(1)} MB JSON):`, LARGE);
await measure(generateWorld(SMALL)); // warm-up: JIT and sockets, not reported
const smallR = await measure(generateWorld(SMALL));
const largeR = await measure(JSON.parse(json) as World);

console.log(`small world: load ${round(smallR.loadMs, 1)} ms, ${smallR.calls} list calls, ${round(smallR.perCall)} ms/call`);
console.log(`large world: load ${round(largeR.loadMs, 1)} ms, ${largeR.calls} list calls, ${round(largeR.perCall)} ms/call`);
console.log(`ms per call by operation, pages of ${PAGE} (small → large):`);
for (const k of Object.keys(largeR.byOp)) console.log(`  ${k.padEnd(42)} ${String(smallR.byOp[k]).padStart(7)} → ${String(largeR.byOp[k]).padStart(7)}`);
console.log(`ratio large/small: ${round(largeR.perCall / smallR.perCall, 2)} (load limit 2000 ms: ${largeR.loadMs < 2000 ? 'ok' : 'EXCEEDED'})`);
console.log(`RESULT load_ms=${round(largeR.loadMs, 1)} list_call_ms_small=${round(smallR.perCall)} list_call_ms_large=${round(largeR.perCall)}`);
