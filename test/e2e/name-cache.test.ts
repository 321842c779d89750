/**
 * The permission set name cache against the emulator (real SDK, real reads): a cache can only save
 * calls, never change a plan. Random worlds with random drift and random edits: a scoped plan read
 * with a warm, a partially stale or a malformed cache equals the one read without a cache. And
 * drift after the cache was written: a set created by someone else is found, a deleted one is not
 * shown, one deleted and created again under its name is read under its new ARN.
 */
import { CreatePermissionSetCommand, DeletePermissionSetCommand } from '@aws-sdk/client-sso-admin';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkGateway } from '../../src/aws/sdk-gateway.js';
import { cacheFileName, nameCacheFile } from '../../src/cache/name-cache-file.js';
import { loadConfig } from '../../src/config/load.js';
import { createEngine } from '../../src/engine.js';
import type { BaseConfig, Engine } from '../../src/engine-contract.js';
import { canonicalJson } from '../../src/plan/canonical-json.js';
import { changeEffect } from '../../src/plan/hash.js';
import type { Plan } from '../../src/plan/types.js';
import { silentProgress } from '../../src/progress/progress.js';
import { renderText } from '../../src/render/text.js';
import { applyEdits, config, drift, edits, worldOf, yamlOf, type Config } from './fixtures/scope-world.js';
import { gatewayOptions, REGION, startE2E, type E2E } from './harness.js';

const RUNS = Number(process.env['NAME_CACHE_PROPERTY_RUNS'] ?? 60);
const NOW = new Date('2026-01-15T12:00:00Z');
const INSTANCE = 'arn:aws:sso:::instance/ssoins-0000000000000001';
const DESCRIBE = 'sso:DescribePermissionSet';

let e2e: E2E;
let dir: string;
let notices: string[] = [];
/** Reads and writes the name cache in `dir`; `cold` has none. */
let warm: Engine;
let cold: Engine;
const cacheFile = (): string => join(dir, cacheFileName(INSTANCE));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idc-name-cache-e2e-'));
  e2e = await startE2E({ world: worldOf({ users: {}, groups: {}, sets: {}, rules: [] }, noDrift()), engine: { now: () => NOW } });
  const engine = (withCache: boolean): Engine =>
    createEngine({
      region: REGION,
      env: {},
      now: () => NOW,
      gatewayFor: (region) => createSdkGateway(gatewayOptions(e2e.emu.endpoint, region)),
      ...(withCache ? { nameCache: nameCacheFile({ dir, notice: (line) => notices.push(line) }) } : {}),
    });
  warm = engine(true);
  cold = engine(false);
});
afterAll(async () => {
  await e2e?.close();
  await rm(dir, { recursive: true, force: true });
});

function noDrift() {
  return { dropUsers: [], extraUsers: [], userVariant: 0, dropMembers: [], extraMembers: [], setVariant: 3, dropAssignment: 0, extraAssignments: [] };
}

async function loadWorld(world: unknown): Promise<void> {
  const res = await fetch(`${e2e.emu.endpoint}/_emulator/world`, { method: 'POST', body: JSON.stringify(world) });
  if (!res.ok) throw new Error(`load world: HTTP ${res.status}`);
}

async function plan(engine: Engine, base?: BaseConfig): Promise<Plan & { describes: number }> {
  const outcome = await engine.plan(e2e.config, silentProgress, base ? { base } : {});
  if (!outcome.ok) throw new Error(`plan refused: ${outcome.diagnostics.map((d) => d.message).join('; ')}`);
  return { ...outcome.plan, describes: outcome.live.readCalls[DESCRIBE] ?? 0 };
}

/** What a plan does and shows, less the render-only time of the last full read. */
const effects = (p: Plan): string =>
  canonicalJson({ changes: p.changes.map(changeEffect), access: p.accessChanges, warnings: p.warnings, scope: p.scope ?? null, hash: p.hash });

async function baseOf(c: Config, world: ReturnType<typeof worldOf>): Promise<BaseConfig> {
  const path = await e2e.write(yamlOf(c, world), 'base.yaml');
  const loaded = await loadConfig(path);
  if (!loaded.desired) throw new Error('base does not load');
  return { desired: loaded.desired, label: 'base.yaml' };
}

/** How the cache is left between the drift check and the pull request's plan. */
const cacheState = fc.oneof(
  fc.constant({ kind: 'warm' as const }),
  fc.record({ kind: fc.constant('partial' as const), keep: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), stale: fc.nat(2) }),
  fc.constant({ kind: 'malformed' as const }),
  fc.constant({ kind: 'none' as const }),
);

type CacheState = typeof cacheState extends fc.Arbitrary<infer S> ? S : never;

async function leaveCache(state: CacheState): Promise<void> {
  if (state.kind === 'warm') return;
  if (state.kind === 'none') return rm(cacheFile(), { force: true });
  if (state.kind === 'malformed') return writeFile(cacheFile(), '{"format": "idc-gitops permission set names", "version": 1,');
  const file = JSON.parse(await readFile(cacheFile(), 'utf8')) as { permissionSets: Record<string, string> };
  const entries = Object.entries(file.permissionSets).filter((_, i) => state.keep[i % state.keep.length]);
  // Sets deleted since: ARNs no longer listed, names no set has now.
  for (let i = 0; i < state.stale; i++) entries.push([`arn:aws:sso:::permissionSet/ssoins-0000000000000001/ps-9999999999999${i}00`, `Gone${i}`]);
  await writeFile(cacheFile(), JSON.stringify({ ...file, permissionSets: Object.fromEntries(entries) }));
}

describe('the name cache never changes a plan', () => {
  it(`a scoped plan read with a warm, partially stale, malformed or no cache equals the one read without it (${RUNS} cases, emulator)`, async () => {
    let usedCache = 0;
    await fc.assert(
      fc.asyncProperty(config, edits, drift, cacheState, async (base, edit, d, state) => {
        const world = worldOf(base, d);
        await loadWorld(world);
        const baseConfig = await baseOf(base, world);
        await e2e.write(yamlOf(applyEdits(base, edit), world));
        notices = [];
        // The drift check: a full plan, which writes the cache (the time of this full read too).
        const full = await plan(warm);
        expect(effects(full)).toBe(effects(await plan(cold)));
        expect(JSON.parse(await readFile(cacheFile(), 'utf8'))).toMatchObject({ lastFullRead: NOW.toISOString() });
        await leaveCache(state);

        const withCache = await plan(warm, baseConfig);
        const without = await plan(cold, baseConfig);
        expect(effects(withCache)).toBe(effects(without));
        expect(withCache.describes).toBeLessThanOrEqual(without.describes);
        if (withCache.scope?.kind === 'scoped') {
          // The time of the last full read is said when the cache knows it (never hashed: same hash as without).
          expect(withCache.lastFullRead).toBe(state.kind === 'warm' || state.kind === 'partial' ? NOW.toISOString() : undefined);
          expect(without.lastFullRead).toBeUndefined();
          if (state.kind === 'warm' && withCache.describes < without.describes) usedCache++;
        }
        expect(notices).toEqual(state.kind === 'malformed' ? [expect.stringMatching(/ignored \(not JSON\)/)] : []);
      }),
      { numRuns: RUNS, seed: Number(process.env['NAME_CACHE_PROPERTY_SEED'] ?? 13), endOnFailure: true },
    );
    // The property is not vacuous: with a warm cache, scoped plans describe fewer sets.
    expect(usedCache).toBeGreaterThan(0);
  }, 600_000);
});

describe('drift after the cache was written', () => {
  const base: Config = {
    users: { ana: 0 },
    groups: { devs: ['ana'] },
    sets: { Admin: 0, Read: 0, Deploy: 0 },
    rules: [
      { set: 'Admin', users: [], groups: ['devs'], target: { accounts: ['prod-a'] } },
      { set: 'Read', users: ['ana'], groups: [], target: { ou: 'Dev' } },
    ],
  };

  it('a set created by someone else is found, a deleted one is not shown, one created again is read under its new ARN', async () => {
    const world = worldOf(base, noDrift());
    await loadWorld(world);
    const baseConfig = await baseOf(base, world);
    await e2e.write(yamlOf(base, world));
    await rm(cacheFile(), { force: true });
    // (worldOf leaves out one assignment of the base: drift the full plan shows.)
    const drifted = await plan(warm);
    expect(drifted.changes.map((c) => c.kind)).toEqual(['assignment']);
    const cached = JSON.parse(await readFile(cacheFile(), 'utf8')) as { permissionSets: Record<string, string> };
    expect(Object.values(cached.permissionSets).sort()).toEqual(['Admin', 'Deploy', 'Read']);
    const oldDeploy = Object.keys(cached.permissionSets).find((arn) => cached.permissionSets[arn] === 'Deploy');

    // By hand, after the cache was written: Billing created; Deploy deleted and created again (a new ARN).
    const instanceArn = world.instance.instanceArn;
    await e2e.sdk.sso.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Billing', SessionDuration: 'PT1H' }));
    await e2e.sdk.sso.send(new DeletePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: oldDeploy }));
    const again = await e2e.sdk.sso.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Deploy', SessionDuration: 'PT2H' }));
    const newDeploy = again.PermissionSet?.PermissionSetArn ?? '';
    expect(newDeploy).not.toBe(oldDeploy);

    // The pull request: ana also gets Read on prod-b. Billing and Deploy are outside its scope
    // (read by name only): the cache knows neither ARN, so both are described.
    const head: Config = { ...base, rules: [...base.rules, { set: 'Read', users: ['ana'], groups: [], target: { accounts: ['prod-b'] } }] };
    await e2e.write(yamlOf(head, world));
    const outcome = await warm.plan(e2e.config, silentProgress, { base: baseConfig });
    if (!outcome.ok) throw new Error('plan refused');
    expect(outcome.plan.scope?.kind).toBe('scoped');
    expect(outcome.live.readCalls[DESCRIBE]).toBe(2);
    expect(outcome.live.permissionSets['Billing']).toBeDefined();
    expect(outcome.live.permissionSets['Deploy']?.arn).toBe(newDeploy);
    expect(Object.values(outcome.live.permissionSets).map((s) => s.arn)).not.toContain(oldDeploy);
    expect(effects(outcome.plan)).toBe(effects(await plan(cold, baseConfig)));
    expect(outcome.plan.changes.map((c) => c.kind)).toEqual(['assignment']);

    // The scoped read wrote back what it learned: the next one describes nothing.
    const file = JSON.parse(await readFile(cacheFile(), 'utf8')) as { permissionSets: Record<string, string>; lastFullRead: string };
    expect(file.permissionSets[newDeploy]).toBe('Deploy');
    expect(Object.keys(file.permissionSets)).not.toContain(oldDeploy);
    expect(Object.values(file.permissionSets).sort()).toEqual(['Admin', 'Billing', 'Deploy', 'Read']);
    expect(file.lastFullRead).toBe(NOW.toISOString());
    const next = await warm.plan(e2e.config, silentProgress, { base: baseConfig });
    if (!next.ok) throw new Error('plan refused');
    expect(next.live.readCalls[DESCRIBE]).toBeUndefined();
    expect(renderText(next.plan)).toContain(
      'Drift elsewhere is left to the drift check (last full read 2026-01-15 12:00 UTC; idc plan --full reads everything now).',
    );

    // And the drift check sees what was done by hand, the cache or not.
    const full = await plan(warm);
    expect(effects(full)).toBe(effects(await plan(cold)));
    expect(full.changes.filter((c) => c.kind === 'permission-set').map((c) => `${c.action} ${c.kind === 'permission-set' ? c.name : ''}`)).toEqual([
      'update Deploy',
      'delete Billing',
    ]);
  });
});
