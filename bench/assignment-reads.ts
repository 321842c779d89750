/**
 * npm run bench:assignment-reads — reading every account assignment of the bench:plan world
 * (1,000 accounts, 200 permission sets, 5,000 users, 500 groups, 30,000 assignments) two ways, and
 * whether each read is complete:
 *
 *   per pair       what the plan does: ListAccountAssignments per provisioned (account, set) pair
 *                  (read-permission-sets.ts);
 *   per principal  ListAccountAssignmentsForPrincipal per user and group the identity store lists
 *                  (read-assignments-by-principal.ts; management account only).
 *
 * Both need ListPermissionSets and ListAccountsForProvisionedPermissionSet (the plan needs the
 * provisioned accounts anyway), and the per-principal read needs the users and groups (the plan
 * reads them anyway): those calls are counted apart. Then one user who holds assignments is
 * deleted from the identity store (DeleteUser leaves the assignments behind, as AWS does) and both
 * reads run again: the per-pair read still sees them (deletions the plan must show); the
 * per-principal read cannot, since no list names that principal any more.
 *
 * Rate limits are off (calls are counted, not timed); aws_seconds = calls ÷ 20.
 * Last line: RESULT pair_calls=… principal_calls=… shared_calls=… calls_ratio=… pair_aws_seconds=…
 * principal_aws_seconds=… orphans=… pair_sees_orphans=… principal_sees_orphans=… choice=per-pair
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { readAssignmentsByPrincipal } from '../src/aws/read-assignments-by-principal.js';
import { readPermissionSets, type RawAssignment } from '../src/aws/read-permission-sets.js';
import type { SdkGateway } from '../src/aws/sdk-gateway.js';
import { silentProgress } from '../src/progress/progress.js';
import { AWS_RATE, emulatorGateway, REGION, round } from './lib/common.js';
import { startEmulatorProcess } from './lib/emulator-process.js';

const CONCURRENCY = 16;
const key = (a: RawAssignment): string => `${a.accountId}|${a.permissionSetArn}|${a.principalType}|${a.principalId}`;

/** Runs `read` and returns its result with the calls it made, by IAM action. */
async function counted<T>(gateway: SdkGateway, read: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> {
  const before = gateway.callCounts();
  const result = await read();
  const calls: Record<string, number> = {};
  for (const [op, n] of Object.entries(gateway.callCounts())) if (n - (before[op] ?? 0) > 0) calls[op] = n - (before[op] ?? 0);
  return { result, calls };
}
const sum = (calls: Record<string, number>, ...ops: string[]): number => ops.reduce((n, op) => n + (calls[op] ?? 0), 0);

const dir = mkdtempSync(join(tmpdir(), 'idc-bench-reads-'));
const emu = await startEmulatorProcess('plan', join(dir, 'access.yaml'), REGION, { timeScale: 1, rateLimit: 0 });
try {
  const gateway = emulatorGateway(emu.endpoint, 1, { rateLimit: Number.POSITIVE_INFINITY });
  const [instance] = await gateway.listInstances();
  if (!instance) throw new Error('the emulator has no instance');
  const { instanceArn, identityStoreId } = instance;

  async function readBoth() {
    const pairs = await counted(gateway, () =>
      readPermissionSets(gateway, instanceArn, { permissionSetScope: () => 'full', readOutdatedOf: () => false }, silentProgress, CONCURRENCY),
    );
    const identities = await counted(gateway, () => Promise.all([gateway.listUsers(identityStoreId), gateway.listGroups(identityStoreId)]));
    const [users, groups] = identities.result;
    const principals = [
      ...users.map((u) => ({ principalType: 'USER' as const, principalId: u.userId })),
      ...groups.map((g) => ({ principalType: 'GROUP' as const, principalId: g.groupId })),
    ];
    const setNames = new Map(Object.values(pairs.result.permissionSets).map((s) => [s.arn, s.name]));
    const byPrincipal = await counted(gateway, () => readAssignmentsByPrincipal(gateway, instanceArn, principals, setNames, CONCURRENCY));
    return {
      pairAssignments: pairs.result.assignments,
      principalAssignments: byPrincipal.result,
      pairCalls: sum(pairs.calls, 'sso:ListAccountAssignments'),
      principalCalls: sum(byPrincipal.calls, 'sso:ListAccountAssignmentsForPrincipal'),
      sharedCalls:
        sum(pairs.calls, 'sso:ListPermissionSets', 'sso:ListAccountsForProvisionedPermissionSet') +
        sum(identities.calls, 'identitystore:ListUsers', 'identitystore:ListGroups'),
      principals: principals.length,
      pairs: new Set(pairs.result.assignments.map((a) => `${a.accountId}|${a.permissionSetArn}`)).size,
      users,
    };
  }

  const first = await readBoth();
  const pairKeys = new Set(first.pairAssignments.map(key));
  const principalKeys = new Set(first.principalAssignments.map(key));
  const equal = pairKeys.size === principalKeys.size && [...pairKeys].every((k) => principalKeys.has(k));
  console.log(
    `${first.pairAssignments.length} assignments in ${first.pairs} pairs, ${first.principals} principals; ` +
      `per pair ${first.pairCalls} calls, per principal ${first.principalCalls} calls (+${first.sharedCalls} both need); same assignments: ${equal}`,
  );

  // A user deleted from the identity store with assignments left behind.
  const counts = new Map<string, number>();
  for (const a of first.pairAssignments) if (a.principalType === 'USER') counts.set(a.principalId, (counts.get(a.principalId) ?? 0) + 1);
  const [orphanId, orphans] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
  const ids = new IdentitystoreClient({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  await ids.send(new DeleteUserCommand({ IdentityStoreId: identityStoreId, UserId: orphanId }));
  ids.destroy();
  const second = await readBoth();
  const seen = (list: readonly RawAssignment[]): number => list.filter((a) => a.principalId === orphanId).length;
  const pairSees = seen(second.pairAssignments);
  const principalSees = seen(second.principalAssignments);
  console.log(`after deleting a user with ${orphans} assignments: per pair sees ${pairSees} of them, per principal ${principalSees}`);

  const ratio = first.principalCalls / first.pairCalls;
  console.log(
    'choice: per pair. Per principal costs fewer calls here but is not complete (it misses every assignment of a deleted ' +
      'principal, which the plan must show as a deletion), and no call cheaper than the per-pair read tells whether such assignments exist.',
  );
  console.log(
    `RESULT pair_calls=${first.pairCalls} principal_calls=${first.principalCalls} shared_calls=${first.sharedCalls} ` +
      `calls_ratio=${round(ratio)} pair_aws_seconds=${round(first.pairCalls / AWS_RATE, 1)} principal_aws_seconds=${round(first.principalCalls / AWS_RATE, 1)} ` +
      `same_assignments=${equal} orphans=${orphans} pair_sees_orphans=${pairSees} principal_sees_orphans=${principalSees} choice=per-pair`,
  );
  if (!equal || pairSees !== orphans) process.exitCode = 1;
} finally {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}
