import type { AsyncOps } from './async-ops.js';
import type { IamConfig } from './iam-roles.js';
import type { Caller, ResolvedConfig } from './options.js';
import type { Generators } from './prng.js';
import type { EmulatorState } from './state.js';
import type { Input } from './validate.js';

/** What a handler sees for one request. */
export interface Ctx {
  readonly state: EmulatorState;
  readonly config: ResolvedConfig;
  readonly gen: Generators;
  readonly ops: AsyncOps;
  /** The caller of this request (the default caller, or the role assumed via STS). */
  readonly caller: Caller;
  /** Wall-clock ms at arrival. */
  readonly now: number;
  /** STS: remembers temporary credentials it hands out. */
  readonly sessions: Map<string, Caller>;
  /** Roles STS checks tokens against (undefined: any token assumes any role). */
  readonly iam: IamConfig | undefined;
}

export type Handler = (ctx: Ctx, input: Input) => unknown;
export type HandlerTable = Record<string, Handler>;

/** Operations that change state (for conflict fault injection). */
export const isWrite = (op: string): boolean => /^(Create|Update|Delete|Put|Attach|Detach|Tag|Untag|Provision)/.test(op);

/** The caller's account is a registered delegated administrator of IAM Identity Center. */
export const isDelegatedAdmin = (ctx: Ctx): boolean => ctx.state.delegatedAdministrators.has(ctx.caller.accountId);

/** The caller's account may administer the instance: the management account or a delegated administrator. */
export const mayAdminister = (ctx: Ctx): boolean => ctx.caller.accountId === ctx.state.managementAccountId || isDelegatedAdmin(ctx);

/** Seconds since the epoch, as awsJson sends timestamps. */
export const epoch = (ms: number): number => Math.round(ms) / 1000;
