/**
 * The engine: load → read → plan → (apply → read → plan). Every entry point (CLI, Action, demo,
 * benchmarks) goes through its calls (validate, read, plan, apply); only the I/O around them differs.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { applyPlan, type ApplyOptions } from './apply/apply-plan.js';
import { clockFromEnv, type Clock } from './clock.js';
import { resolveInstance, resolveRegion, startUrlOf } from './aws/discover.js';
import type { IdentityCenterGateway } from './aws/gateway.js';
import { DEFAULT_READ_CONCURRENCY, readLive } from './aws/read-live.js';
import { readOrganization } from './aws/read-organization.js';
import { readScope } from './aws/read-scope.js';
import { createSdkGateway } from './aws/sdk-gateway.js';
import { timeoutsFromEnv } from './aws/timeouts.js';
import { loadConfig, summarise } from './config/load.js';
import { readScoped } from './aws/read-scoped.js';
import type { ApplyOutcome, ApplyRequest, BaseConfig, Engine, PlanOutcome, PlanRequest, ValidateOutcome } from './engine-contract.js';
import type { PlanScope } from './plan/scope/types.js';
import type { Desired } from './model/desired.js';
import type { Live } from './model/live.js';
import type { Organization } from './model/organization.js';
import { buildPlan } from './plan/build-plan.js';
import { isEmptyPlan } from './plan/hash.js';
import { blockingRefusals, refusalLine } from './plan/safety/verdict.js';
import type { Plan } from './plan/types.js';
import type { Progress } from './progress/progress.js';
import { knownNames, nextNameCache } from './cache/name-cache.js';
import type { NameCacheStore } from './cache/name-cache-file.js';

export interface EngineOptions {
  /** Region when access.yaml does not name one (else the SDK's: AWS_REGION, the profile's region). */
  region?: string;
  /** Credentials; the SDK's default chain when absent. */
  credentials?: AwsCredentialIdentityProvider;
  /** Client-side rate limit shared by every call (per second). */
  rateLimit?: number;
  /** Builds the gateway (tests and benchmarks may pass their own). */
  gatewayFor?: (region: string) => IdentityCenterGateway;
  /** Tuning of apply (poll interval, timeouts, sleep); progress is given per call. */
  apply?: Omit<ApplyOptions, 'progress'>;
  /** Clock for rule expiry (default: `IDC_NOW` when set, else the system clock; see clock.ts). */
  now?: Clock;
  env?: NodeJS.ProcessEnv;
  /** Directory a relative access.yaml path is read from (default: the process's working directory). */
  cwd?: string;
  /** The permission set name cache (src/cache/): fewer DescribePermissionSet calls; none when absent. */
  nameCache?: NameCacheStore;
}

interface ReadResult {
  live: Live;
  gateway: IdentityCenterGateway;
  scope?: PlanScope;
  /** When the last full read happened (ISO 8601), as the name cache remembers it. */
  lastFullRead?: string;
}

export function createEngine(options: EngineOptions = {}): Engine {
  const env = options.env ?? process.env;
  const now = options.now ?? clockFromEnv(env);
  const gateways = new Map<string, IdentityCenterGateway>();
  const load = (configPath: string) => loadConfig(configPath, options.cwd !== undefined ? { cwd: options.cwd } : {});

  function gatewayFor(region: string): IdentityCenterGateway {
    let gateway = gateways.get(region);
    if (!gateway) {
      gateway = options.gatewayFor
        ? options.gatewayFor(region)
        : createSdkGateway({
            region,
            env,
            timeouts: timeoutsFromEnv(env),
            ...(options.credentials ? { credentials: options.credentials } : {}),
            ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
          });
      gateways.set(region, gateway);
    }
    return gateway;
  }

  async function validate(configPath: string): Promise<ValidateOutcome> {
    const loaded = await load(configPath);
    if (!loaded.desired) return { ok: false, diagnostics: loaded.diagnostics, summary: `${configPath}: invalid` };
    return { ok: true, diagnostics: loaded.diagnostics, summary: summarise(loaded.desired), desired: loaded.desired };
  }

  /**
   * Reads AWS: scoped when a base is given and a scoped read is possible, else in full. With the
   * name cache, its names are used and the cache written back after the read; `drift` says a full
   * read here is a drift check (a plan, not `idc export` or an expire run): its time is remembered.
   */
  async function read(desired: Desired, progress: Progress, base?: BaseConfig, drift = false): Promise<ReadResult> {
    const region = await resolveRegion(desired.identityCenter, { ...(options.region ? { region: options.region } : {}), env });
    const gateway = gatewayFor(region);
    const instance = await resolveInstance(gateway, desired.identityCenter, region);
    const cache = await options.nameCache?.load(instance.instanceArn);
    const known = { progress, instance, knownNames: knownNames(cache) };
    const done = async (result: Omit<ReadResult, 'lastFullRead'>): Promise<ReadResult> => {
      const full = result.scope?.kind !== 'scoped';
      const next = nextNameCache(instance.instanceArn, cache, Object.values(result.live.permissionSets), full && drift ? now() : undefined);
      await options.nameCache?.save(next);
      return { ...result, ...(cache?.lastFullRead !== undefined ? { lastFullRead: cache.lastFullRead } : {}) };
    };
    if (base !== undefined) {
      if ('unavailable' in base) return done({ live: await readLive(gateway, desired, known), gateway, scope: { kind: 'full', reason: base.unavailable } });
      const scoped = await readScoped(gateway, base.desired, desired, { ...known, now: now(), baseLabel: base.label });
      if (scoped.kind === 'scoped') return done({ live: scoped.live, gateway, scope: scoped.scope });
      progress.info(`Planning in full: ${scoped.reason}.`);
      return done({ live: await readLive(gateway, desired, known), gateway, scope: scoped });
    }
    return done({ live: await readLive(gateway, desired, known), gateway });
  }

  function planFrom(desired: Desired, read: Pick<ReadResult, 'live' | 'scope' | 'lastFullRead'>, expiryOnly = false): PlanOutcome {
    const { live, scope } = read;
    const built = buildPlan(desired, live, { now: now(), expiryOnly, ...(scope ? { scope } : {}) });
    const { diagnostics } = built;
    if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
    // Said under a scoped plan only ("drift elsewhere is left to the drift check, last run …"); never hashed.
    const plan = scope?.kind === 'scoped' && read.lastFullRead !== undefined ? { ...built.plan, lastFullRead: read.lastFullRead } : built.plan;
    return { ok: true, plan, desired, live, diagnostics };
  }

  async function plan(configPath: string, progress: Progress, request: PlanRequest = {}): Promise<PlanOutcome> {
    const loaded = await load(configPath);
    if (!loaded.desired) return { ok: false, diagnostics: loaded.diagnostics };
    const outcome = planFrom(loaded.desired, await read(loaded.desired, progress, request.base, request.expiryOnly !== true), request.expiryOnly === true);
    return outcome.ok ? { ...outcome, diagnostics: [...loaded.diagnostics, ...outcome.diagnostics] } : outcome;
  }

  async function apply(configPath: string, request: ApplyRequest, progress: Progress): Promise<ApplyOutcome> {
    const loaded = await load(configPath);
    if (!loaded.desired) return { status: 'invalid', diagnostics: loaded.diagnostics };
    const desired = loaded.desired;
    const first = await read(desired, progress, request.base, request.expiryOnly !== true);
    const { live, gateway } = first;
    const planned = planFrom(desired, first, request.expiryOnly === true);
    if (!planned.ok) return { status: 'invalid', diagnostics: planned.diagnostics };
    const thePlan: Plan = planned.plan;
    if (request.expectedHash !== undefined && request.expectedHash !== thePlan.hash && !request.force) {
      return { status: 'plan-changed', plan: thePlan, expectedHash: request.expectedHash };
    }
    if (isEmptyPlan(thePlan)) return { status: 'nothing-to-do', plan: thePlan };
    // The fresh plan's safety verdict, made with these credentials and this file. With force,
    // only what force cannot override refuses (removing the access of the credentials doing
    // the apply: nobody could apply the fix afterwards).
    const refusals = blockingRefusals(thePlan.safety, request.force === true);
    if (refusals.length > 0) return { status: 'unsafe', plan: thePlan, reasons: refusals.map(refusalLine) };
    if (request.confirm && !(await request.confirm(thePlan))) return { status: 'cancelled', plan: thePlan };

    const report = await applyPlan(thePlan, live, gateway, { ...options.apply, clock: now, progress });
    progress.info('Reading the state again to check that nothing is left…');
    let after: Awaited<ReturnType<typeof read>>;
    try {
      after = await read(desired, progress, request.base, request.expiryOnly !== true);
    } catch (error) {
      // What apply did must not be lost because the check afterwards failed.
      const recheckError = error instanceof Error ? error.message : String(error);
      return { status: 'applied-unchecked', plan: thePlan, report, recheckError };
    }
    const again = planFrom(desired, after, request.expiryOnly === true);
    const remaining = again.ok ? again.plan : thePlan;
    return { status: 'applied', plan: thePlan, report, remaining, startUrl: startUrlOf(desired.identityCenter, live.instance.identityStoreId) };
  }

  async function readOrganizationOnly(desired: Desired, progress: Progress): Promise<Organization> {
    const region = await resolveRegion(desired.identityCenter, { ...(options.region ? { region: options.region } : {}), env });
    return readOrganization(gatewayFor(region), readScope(desired), progress, DEFAULT_READ_CONCURRENCY);
  }

  return { validate, plan, apply, read: async (desired, progress) => (await read(desired, progress)).live, readOrganization: readOrganizationOnly };
}
