/**
 * End-to-end harness: the real engine (loader, SDK gateway, reader, planner, apply) against the
 * local emulator over HTTP on 127.0.0.1. Tests assert on the emulator's state (`emu.dump()`), never
 * on our own code's view of it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSdkGateway, type SdkGatewayOptions } from '../../src/aws/sdk-gateway.js';
import { createEngine, type EngineOptions } from '../../src/engine.js';
import type { ApplyOutcome, Engine } from '../../src/engine-contract.js';
import { formatDiagnostic } from '../../src/model/source.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { silentProgress } from '../../src/progress/progress.js';
import { renderText } from '../../src/render/text.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator, type World } from '../../emulator/index.js';
import { clients, type Clients } from '../../emulator/sdk-clients.js';

export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface E2E {
  emu: RunningEmulator;
  /** Real SDK clients on the emulator: the "by hand" fixes and drift. */
  sdk: Clients;
  /** Directory holding access.yaml (and any policy files). */
  dir: string;
  /** Path of access.yaml. */
  config: string;
  engine: Engine;
  /** Writes access.yaml (replacing it). */
  write(text: string, file?: string): Promise<string>;
  /** Plans, failing the test with the diagnostics when the plan is refused. */
  plan(): Promise<Plan>;
  apply(request?: { expectedHash?: string; force?: boolean }): Promise<ApplyOutcome>;
  /** Completes every asynchronous operation of the emulator now. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface E2EOptions {
  world: World;
  emulator?: Omit<EmulatorOptions, 'world'>;
  engine?: Omit<EngineOptions, 'gatewayFor'>;
  gateway?: Omit<SdkGatewayOptions, 'region' | 'endpoint' | 'credentials'>;
}

/** Fast defaults: no rate limit, async operations done after one poll or 20 ms, short backoff. */
export async function startE2E(options: E2EOptions): Promise<E2E> {
  const emu = await startEmulator({
    rateLimit: 0,
    asyncPolls: 1,
    asyncMs: 20,
    seed: 11,
    ...options.emulator,
    world: structuredClone(options.world),
  });
  const dir = await mkdtemp(join(tmpdir(), 'idc-e2e-'));
  const config = join(dir, 'access.yaml');
  const engine = createEngine({
    region: REGION,
    env: {},
    apply: { pollIntervalMs: 10 },
    ...options.engine,
    gatewayFor: (region) => createSdkGateway(gatewayOptions(emu.endpoint, region, options.gateway)),
  });
  const e2e: E2E = {
    emu,
    sdk: clients(emu, 3),
    dir,
    config,
    engine,
    async write(text, file = 'access.yaml') {
      const path = join(dir, file);
      await writeFile(path, text);
      return path;
    },
    async plan() {
      const outcome = await engine.plan(config, silentProgress);
      if (!outcome.ok) throw new Error(`plan refused:\n${outcome.diagnostics.map(formatDiagnostic).join('\n')}`);
      return outcome.plan;
    },
    apply: (request = {}) => engine.apply(config, request, silentProgress),
    async settle() {
      const res = await fetch(`${emu.endpoint}/_emulator/settle`, { method: 'POST' });
      if (!res.ok) throw new Error(`settle: HTTP ${res.status}`);
    },
    async close() {
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return e2e;
}

/** The gateway options of every e2e engine: the emulator's endpoint, dummy keys, fast retries. */
export function gatewayOptions(endpoint: string, region: string, extra: E2EOptions['gateway'] = {}): SdkGatewayOptions {
  return {
    region,
    endpoint,
    credentials: () => Promise.resolve(CREDENTIALS),
    rateLimit: Infinity,
    concurrency: 10,
    retry: { retries: 8, baseDelayMs: 5, maxDelayMs: 60 },
    ...extra,
  };
}

/** One line per change, the way a reviewer would name it; `[fields]` for updates. */
export function changeLine(c: Change): string {
  switch (c.kind) {
    case 'user':
      return `${c.action} user ${c.userName}${c.action === 'update' ? ` [${c.fields.join(',')}]` : ''}`;
    case 'group':
      return `${c.action} group ${c.displayName}${c.action === 'update' ? ` [${c.fields.join(',')}]` : ''}`;
    case 'membership':
      return `${c.action} membership ${c.user} in ${c.group}`;
    case 'permission-set':
      return `${c.action} permission-set ${c.name}${c.action === 'update' ? ` [${c.fields.join(',')}]` : ''}`;
    case 'session-revocation':
      return `${c.action} session-revocation ${c.permissionSet} ${c.accountId} ${c.user}`;
    case 'assignment': {
      const a = c.assignment;
      return `${c.action} assignment ${a.permissionSet} ${a.principalType} ${a.principal} ${a.accountId}`;
    }
    case 'provision':
      return `provision ${c.permissionSet} ${c.reason} ${c.accountIds.join(',')}`;
  }
}

export const changeLines = (plan: Plan): string[] => plan.changes.map(changeLine).sort();

/** Access changes as `gain|lose USER user set account` (people) and `gain|lose GROUP group set account` (group grants). */
export const accessLines = (plan: Plan): string[] =>
  plan.accessChanges.map((a) => `${a.effect} ${a.kind === 'user' ? `USER ${a.user}` : `GROUP ${a.group}`} ${a.permissionSet} ${a.accountId}`).sort();

/** For failure messages: the plan as the terminal shows it. */
export const show = (plan: Plan): string => renderText(plan, { color: false });

/** Asserts the outcome is `applied`, returning it (with a readable error otherwise). */
export function applied(outcome: ApplyOutcome): Extract<ApplyOutcome, { status: 'applied' }> {
  if (outcome.status !== 'applied') {
    const why =
      outcome.status === 'invalid' ? outcome.diagnostics.map(formatDiagnostic).join('\n') : outcome.status === 'unsafe' ? outcome.reasons.join('\n') : '';
    throw new Error(`apply: expected "applied", got "${outcome.status}" ${why}`);
  }
  return outcome;
}
