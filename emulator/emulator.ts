import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkAdministrator } from './administrators.js';
import { AsyncOps } from './async-ops.js';
import { EmulatedClock } from './clock.js';
import { isWrite, type Ctx } from './context.js';
import type { Controllable } from './control.js';
import { control } from './control.js';
import { defaultCaller, emptyWorld, resolveConfig } from './defaults.js';
import { accessKeyOf, isIdentityCenter, route, signingRegionOf, type Route } from './dispatch.js';
import { AwsError, CONFLICT_IN_PROGRESS, statusIn } from './errors.js';
import { authorize, type IamConfig } from './iam-roles.js';
import type { Caller, EmulatorOptions, Faults, ResolvedConfig } from './options.js';
import { Generators } from './prng.js';
import { makeCompleter } from './services/sso-effects.js';
import { toInvalidInput } from './services/organizations.js';
import { handleSts, queryError, queryResponse } from './services/sts.js';
import type { EmulatorState } from './state.js';
import { TokenBucket } from './throttle.js';
import { dumpWorld } from './world-dump.js';
import { loadWorld } from './world-load.js';
import type { World } from './world-types.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

/** IAM action prefixes of the services (sso-admin's actions are `sso:…`). */
const IAM_PREFIX: Record<Route['service'], string> = { 'sso-admin': 'sso', identitystore: 'identitystore', organizations: 'organizations', sts: 'sts' };

/**
 * What AWS answers a caller whose policies do not allow the action, in the wording of IAM's
 * implicit deny (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
 * "User: ARN is not authorized to perform: ACTION because no identity-based policy allows the ACTION action".
 */
function readOnlyDenied(caller: Caller, r: Route): AwsError {
  const action = `${IAM_PREFIX[r.service]}:${r.operation}`;
  return new AwsError(
    'AccessDeniedException',
    `User: ${caller.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
  );
}

/** The emulator without its socket: state, knobs, counters, and the request pipeline. */
export class Emulator implements Controllable {
  readonly config: ResolvedConfig;
  state: EmulatorState;
  private gen: Generators;
  private ops: AsyncOps;
  private idcBucket: TokenBucket;
  private orgBucket: TokenBucket;
  private callCounts = new Map<string, number>();
  private errorCounts = new Map<string, number>();
  private regionCounts = new Map<string, number>();
  private caller: Caller;
  private readonly sessions = new Map<string, Caller>();
  private readonly iam: IamConfig | undefined;
  readonly clock: EmulatedClock;

  constructor(options: EmulatorOptions) {
    this.config = resolveConfig(options);
    const world = options.world ?? emptyWorld();
    this.caller = options.caller ?? defaultCaller(world);
    this.iam = options.iam;
    this.clock = new EmulatedClock(options.clock);
    this.gen = new Generators(this.config.seed);
    this.state = loadWorld(world, this.gen);
    this.ops = this.newOps();
    const now = this.clock.now();
    this.idcBucket = new TokenBucket(this.config.rateLimit, this.config.timeScale, now);
    this.orgBucket = new TokenBucket(this.config.rateLimit, this.config.timeScale, now);
  }

  private newOps(): AsyncOps {
    return new AsyncOps(
      { asyncPolls: this.config.asyncPolls, asyncWallMs: this.config.asyncMs / this.config.timeScale },
      makeCompleter(this.state, this.config, this.gen),
    );
  }

  calls(): Record<string, number> {
    return Object.fromEntries([...this.callCounts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  errors(): Record<string, number> {
    return Object.fromEntries([...this.errorCounts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  regions(): Record<string, number> {
    return Object.fromEntries([...this.regionCounts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  resetCalls(): void {
    this.callCounts.clear();
    this.errorCounts.clear();
    this.regionCounts.clear();
  }
  settle(): void {
    this.ops.settleAll();
  }
  now(): number {
    return this.clock.now();
  }
  advanceClock(ms: number): number {
    return this.clock.advance(ms);
  }
  dump(): World {
    this.ops.settleDue(this.clock.now());
    return dumpWorld(this.state);
  }
  setFaults(f: Faults): Faults {
    Object.assign(this.config.faults, f);
    return { ...this.config.faults };
  }
  setCaller(c: Caller): void {
    this.caller = { accountId: c.accountId, arn: c.arn };
  }
  loadWorld(w: World): void {
    this.state = loadWorld(w, this.gen);
    this.ops = this.newOps();
  }

  private count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  async handle(method: string, url: string, headers: IncomingHttpHeaders, body: string): Promise<Answer> {
    const requestId = this.gen.requests.uuid();
    if (url.startsWith('/_emulator/')) {
      try {
        const a = control(this, method, url.split('?')[0] ?? url, body);
        return { status: a.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(a.body) };
      } catch (e) {
        return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: String(e) }) };
      }
    }
    const r = route(headers, body);
    if (!r) return this.jsonError(new AwsError('UnknownOperationException', 'The requested operation is not recognized by the service.'), requestId, 'unknown');
    this.count(this.callCounts, `${r.service}:${r.operation}`);
    this.count(this.regionCounts, signingRegionOf(headers) ?? 'unsigned');
    if (this.config.latencyMs > 0) await sleep(this.config.latencyMs / this.config.timeScale);
    try {
      const result = this.process(r, headers, body);
      if (r.service === 'sts') {
        return {
          status: 200,
          headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
          body: queryResponse(r.operation, result as Record<string, unknown>, requestId),
        };
      }
      return { status: 200, headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId }, body: JSON.stringify(result ?? {}) };
    } catch (e) {
      let err = e instanceof AwsError ? e : new AwsError('InternalServerException', `Internal error: ${String(e)}`, 500);
      if (r.service === 'organizations' && err.code === 'ValidationException') err = toInvalidInput(err);
      if (r.service === 'sts') {
        this.count(this.errorCounts, err.code);
        return { status: err.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: queryError(err, requestId) };
      }
      return this.jsonError(err, requestId, r.service);
    }
  }

  private jsonError(err: AwsError, requestId: string, service: string): Answer {
    this.count(this.errorCounts, err.code);
    return {
      status: statusIn(service, err),
      headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.code },
      body: JSON.stringify({ __type: err.code, Message: err.message, message: err.message, ...err.extra }),
    };
  }

  /** Throttling, faults, then the handler. Synchronous: one request at a time sees the state. */
  private process(r: Route, headers: IncomingHttpHeaders, body: string): unknown {
    const now = this.clock.now();
    this.ops.settleDue(now);
    const key = accessKeyOf(headers);
    const ctx: Ctx = {
      state: this.state,
      config: this.config,
      gen: this.gen,
      ops: this.ops,
      caller: (key !== undefined ? this.sessions.get(key) : undefined) ?? this.caller,
      now,
      sessions: this.sessions,
      iam: this.iam,
    };
    if (r.service === 'sts') return handleSts(ctx, r.operation, new URLSearchParams(body));
    if (this.config.faults.readOnly && isWrite(r.operation)) throw readOnlyDenied(ctx.caller, r);
    checkAdministrator(ctx, r);
    const org = r.service === 'organizations';
    const throttled = (org ? this.orgBucket : this.idcBucket).take(now) === false || this.gen.faults.chance(this.config.faults.throttleRate);
    if (throttled)
      throw org
        ? new AwsError(
            'TooManyRequestsException',
            "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
            400,
            { Type: 'TooManyRequests' },
          )
        : new AwsError('ThrottlingException', 'Rate exceeded');
    if (this.gen.faults.chance(this.config.faults.serverErrorRate)) {
      throw org
        ? new AwsError('ServiceException', "AWS Organizations can't complete your request because of an internal service error. Try again later.", 500)
        : new AwsError('InternalServerException', 'An internal error occurred. Please try again.', 500);
    }
    if (isIdentityCenter(r.service) && isWrite(r.operation) && this.gen.faults.chance(this.config.faults.conflictRate)) {
      throw new AwsError('ConflictException', CONFLICT_IN_PROGRESS);
    }
    const handler = r.handlers?.[r.operation];
    if (!handler) throw new AwsError('UnknownOperationException', `The operation ${r.operation} is not supported by this emulator.`);
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      throw new AwsError('SerializationException', 'Request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new AwsError('SerializationException', 'Request body must be a JSON object.');
    const { policies } = ctx.caller;
    if (policies) authorize({ ...ctx.caller, policies }, r.service, r.operation, input as Record<string, unknown>);
    return handler(ctx, input as Record<string, unknown>);
  }
}
