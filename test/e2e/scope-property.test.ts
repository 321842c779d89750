/**
 * Issue 13, "Never a wrong plan", against the emulator (real SDK, real reads): random worlds with
 * random drift, random edits between a base and a head access.yaml. For every case:
 *   - the scoped plan equals the full plan restricted to the scope it read (same changes, same
 *     access section, same hash);
 *   - after the scoped apply, a full plan shows exactly the drift outside the scope: the full
 *     plan from before minus what the scope covered.
 * The edits include deleted and renamed users and membership-only changes, whose principals are
 * read per principal (their access rows off the pairs read in full are compared too).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { BaseConfig } from '../../src/engine-contract.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { changeEffect } from '../../src/plan/hash.js';
import { inScope } from '../../src/plan/scope/restrict.js';
import { scopeFilter } from '../../src/plan/scope/types.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { silentProgress } from '../../src/progress/progress.js';
import { canonicalJson } from '../../src/plan/canonical-json.js';
import { applyEdits, config, drift, edits, worldOf, yamlOf } from './fixtures/scope-world.js';
import { changeLine, show, startE2E, type E2E } from './harness.js';

const RUNS = Number(process.env['SCOPE_PROPERTY_RUNS'] ?? 200);
const NOW = new Date('2026-01-15T12:00:00Z');
/** The scoped apply and the full plan after it run for one scoped case in this many (4: 50+ of 200). */
const APPLY_EVERY = Number(process.env['SCOPE_PROPERTY_APPLY_EVERY'] ?? 4);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ world: worldOf({ users: {}, groups: {}, sets: {}, rules: [] }, noDrift()), engine: { now: () => NOW } });
});
afterAll(async () => {
  await e2e.close();
});

function noDrift() {
  return { dropUsers: [], extraUsers: [], userVariant: 0, dropMembers: [], extraMembers: [], setVariant: 3, dropAssignment: 0, extraAssignments: [] };
}

const effects = (changes: readonly Change[]): string[] => changes.map((c) => canonicalJson(changeEffect(c))).sort();
const access = (plan: Plan): string => canonicalJson(plan.accessChanges);

function changeName(c: Change): string {
  return c.kind === 'user' ? c.userName : c.kind === 'group' ? c.displayName : c.kind === 'permission-set' ? c.name : '';
}

async function loadWorld(world: unknown): Promise<void> {
  const res = await fetch(`${e2e.emu.endpoint}/_emulator/world`, { method: 'POST', body: JSON.stringify(world) });
  if (!res.ok) throw new Error(`load world: HTTP ${res.status}`);
}

async function fullPlan(): Promise<Plan> {
  const outcome = await e2e.engine.plan(e2e.config, silentProgress);
  if (!outcome.ok) throw new Error(`full plan refused: ${outcome.diagnostics.map((d) => d.message).join('; ')}`);
  return outcome.plan;
}

describe('scoped plans (issue 13): never a wrong plan', () => {
  it(`equal the full plan restricted to their scope, and a scoped apply leaves exactly the drift outside it (${RUNS} cases, emulator; apply on one scoped case in ${APPLY_EVERY})`, async () => {
    let scopedCases = 0;
    /** Scoped cases with principals read per principal, and access rows shown off the pairs read in full. */
    let principalCases = 0;
    let rowsOffPairs = 0;
    let cases = 0;
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(config, edits, drift, async (base, edit, d) => {
        const head = applyEdits(base, edit);
        const world = worldOf(base, d);
        await loadWorld(world);
        const basePath = await e2e.write(yamlOf(base, world), 'base.yaml');
        await e2e.write(yamlOf(head, world));
        const loadedBase = await loadConfig(basePath);
        if (!loadedBase.desired) throw new Error(`base does not load: ${loadedBase.diagnostics.map((x) => x.message).join('; ')}`);
        const baseConfig: BaseConfig = { desired: loadedBase.desired, label: 'base.yaml' };

        const full = await fullPlan();
        const outcome = await e2e.engine.plan(e2e.config, silentProgress, { base: baseConfig });
        if (!outcome.ok) throw new Error(`scoped plan refused: ${outcome.diagnostics.map((x) => x.message).join('; ')}`);
        const scoped = outcome.plan;
        const scope = scoped.scope;
        expect(scope).toBeDefined();
        if (scope?.kind !== 'scoped') {
          expect(effects(scoped.changes)).toEqual(effects(full.changes));
          return;
        }
        scopedCases++;

        // The full plan restricted to the scope: the planner on a full read, with the scope.
        const headDesired = (await loadConfig(e2e.config)).desired;
        if (!headDesired) throw new Error('head does not load');
        const fullLive = await e2e.engine.read(headDesired, silentProgress);
        const restricted = buildPlan(headDesired, fullLive, { now: NOW, scope }).plan;
        expect(effects(scoped.changes), show(scoped)).toEqual(effects(restricted.changes));
        expect(access(scoped)).toEqual(access(restricted));
        expect(scoped.hash).toBe(restricted.hash);
        if (scope.principals.users.length + scope.principals.groups.length > 0) principalCases++;
        rowsOffPairs += scoped.accessChanges.filter((a) => !scopeFilter(scope).hasPair(a.accountId, a.permissionSet)).length;
        // The scoped plan is the full plan's changes in the scope, less the assignments of a user,
        // group or permission set whose creation is outside it (drift: the scoped apply cannot create them).
        const filter = scopeFilter(scope);
        const fullEffects = new Set(effects(full.changes));
        expect(effects(scoped.changes).filter((e) => !fullEffects.has(e))).toEqual([]);
        const missing = full.changes.filter((c) => inScope(c, filter) && !effects(scoped.changes).includes(canonicalJson(changeEffect(c))));
        const createdOutside = (kind: Change['kind'], name: string): boolean =>
          full.changes.some((o) => o.action === 'create' && o.kind === kind && !inScope(o, filter) && changeName(o) === name);
        for (const c of missing) {
          const why =
            c.kind === 'assignment'
              ? createdOutside(c.assignment.principalType === 'USER' ? 'user' : 'group', c.assignment.principal) ||
                createdOutside('permission-set', c.assignment.permissionSet)
              : c.kind === 'membership' && (createdOutside('user', c.user) || createdOutside('group', c.group));
          expect(why, `${changeLine(c)} is in the scope but not in the scoped plan`).toBe(true);
        }

        // Every APPLY_EVERY-th case (applying is the slow part): apply the scoped plan, then plan in full: exactly the drift outside the scope is left.
        if (++cases % APPLY_EVERY !== 0) return;
        applied++;
        const outcome2 = await e2e.engine.apply(e2e.config, { base: baseConfig, expectedHash: scoped.hash, force: true }, silentProgress);
        expect(['applied', 'nothing-to-do']).toContain(outcome2.status);
        const after = await fullPlan();
        // A set updated outside the scope re-provisions to the accounts it is provisioned to, which
        // the scoped apply may change (a first assignment provisions it, a last one removes it):
        // its provision line is left out of the comparison (its update line stays).
        const done = new Set(scoped.changes.map(changeLine));
        const lines = (changes: readonly Change[]): string[] =>
          changes
            .filter((c) => !(c.kind === 'provision' && !inScope(c, filter)))
            .map(changeLine)
            .sort();
        const outside = full.changes.filter((c) => !done.has(changeLine(c)));
        const afterLines = lines(after.changes);
        expect(afterLines, `before:\n${show(full)}\nscoped:\n${show(scoped)}\nafter:\n${show(after)}`).toEqual(lines(outside));
      }),
      { numRuns: RUNS, seed: Number(process.env['SCOPE_PROPERTY_SEED'] ?? 13), endOnFailure: true },
    );
    expect(scopedCases).toBeGreaterThan(RUNS / 2);
    // The per-principal restriction is exercised: deleted, renamed users and membership changes.
    expect(principalCases).toBeGreaterThan(RUNS / 10);
    expect(rowsOffPairs).toBeGreaterThan(0);
    expect(applied).toBeGreaterThanOrEqual(Math.floor(scopedCases / APPLY_EVERY));
  }, 1_200_000);
});
