/**
 * An in-memory IdentityCenterGateway that behaves like AWS where apply cares: asynchronous
 * operations stay IN_PROGRESS for a few polls, a permission set with assignments (or a pending
 * assignment deletion) cannot be deleted, at most 10 assignment creations may be outstanding,
 * one operation per account at a time. It counts calls, records their order, tracks how many
 * operations were in flight, and injects faults (throttling, conflicts, FAILED, never finishing).
 *
 * It throws exactly what the real gateway throws: an AwsCallError wrapping AWS's error, after the
 * attempts the gateway's retry would have made (an injected throttle or conflict is one that
 * outlasted those retries; apply itself retries nothing).
 */
import type { AssignmentTarget, AsyncStatus, IdentityCenterGateway, PermissionSetAttributes } from '../../src/aws/gateway.js';
import type { User } from '../../src/model/identity.js';
import type { CustomerManagedPolicyRef, PermissionsBoundary } from '../../src/model/permission-set.js';
import { AwsCallError } from '../../src/aws/aws-error.js';
import { classifyAwsError } from '../../src/aws/error-kind.js';
import { attemptsFor } from '../../src/aws/retry.js';
import { actionOf, isGatewayMethod, OPERATIONS, type GatewayMethod } from '../../src/aws/operations.js';
import type { Live } from '../../src/model/live.js';
import { assignmentId, describeTarget, FakeAwsError, FakeStore, parseAssignmentId } from './fake-store.js';

export { FakeAwsError } from './fake-store.js';

const throttle = () => new FakeAwsError('ThrottlingException', 'Rate exceeded');
const conflict = (what: string) => new FakeAwsError('ConflictException', `An operation is in progress on ${what}. Retry the operation.`);

type AsyncKind = 'create' | 'delete' | 'provision';

interface AsyncRequest {
  kind: AsyncKind;
  /** Polls still answered IN_PROGRESS (Infinity: never ends). */
  pollsLeft: number;
  failureReason?: string;
  accounts: string[];
  finish: () => void;
  done: boolean;
  final?: AsyncStatus;
}

export interface Fault {
  method: keyof IdentityCenterGateway;
  /** Which error to throw (or, for async starts, `failed`/`hang` to end FAILED or never). */
  error: 'throttle' | 'conflict' | 'failed' | 'hang' | Error;
  /** How many times (default 1). */
  times?: number;
  /** Only calls whose args match. */
  match?: (args: unknown[]) => boolean;
  reason?: string;
}

export interface LogEntry {
  method: string;
  detail: string;
}

/** What the real gateway throws for AWS's `error` on `method` (call-runner.ts). */
export function gatewayError(method: GatewayMethod, error: unknown): AwsCallError {
  return new AwsCallError({ action: actionOf(method), doing: `call ${OPERATIONS[method].name}` }, error, attemptsFor(classifyAwsError(error)));
}

export class FakeGateway extends FakeStore implements IdentityCenterGateway {
  constructor(live: Live) {
    super(live);
    // Every gateway method throws what the real gateway would: AWS's error wrapped.
    return new Proxy(this, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string' || !isGatewayMethod(property)) return value;
        return async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } catch (error) {
            throw error instanceof FakeAwsError ? gatewayError(property, error) : error;
          }
        };
      },
    });
  }

  readonly log: LogEntry[] = [];
  readonly calls: Record<string, number> = {};
  /** ConflictExceptions the fake threw by itself (not injected): apply did something out of order. */
  conflictsRaised: string[] = [];
  maxCreatesInFlight = 0;
  maxInFlightPerAccount = 0;
  /** Polls answered IN_PROGRESS before an operation ends. */
  pollsUntilDone = 2;

  private readonly faults: (Fault & { left: number })[] = [];
  private readonly requests = new Map<string, AsyncRequest>();
  private readonly accountBusy = new Map<string, number>();
  private createsInFlight = 0;
  private nextId = 1;

  inject(fault: Fault): this {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
    return this;
  }

  /** Method names in call order, e.g. for checking phases. */
  get sequence(): string[] {
    return this.log.map((e) => e.method);
  }

  // --- bookkeeping --------------------------------------------------------------------------

  private async enter(method: keyof IdentityCenterGateway, detail: string, args: unknown[]): Promise<Fault | undefined> {
    await Promise.resolve();
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    this.log.push({ method, detail });
    const fault = this.faults.find((f) => f.method === method && f.left > 0 && (f.match?.(args) ?? true));
    if (!fault) return undefined;
    fault.left--;
    if (fault.error === 'throttle') throw throttle();
    if (fault.error === 'conflict') throw conflict('the permission set (injected)');
    if (fault.error instanceof Error) throw fault.error;
    return fault;
  }

  private id(prefix: string): string {
    return `${prefix}-${String(this.nextId++).padStart(4, '0')}`;
  }

  private occupy(accounts: string[], what: string): void {
    for (const a of accounts) {
      if ((this.accountBusy.get(a) ?? 0) > 0) {
        this.conflictsRaised.push(`${what} while account ${a} was busy`);
        throw conflict(`account ${a}`);
      }
    }
    for (const a of accounts) {
      const n = (this.accountBusy.get(a) ?? 0) + 1;
      this.accountBusy.set(a, n);
      this.maxInFlightPerAccount = Math.max(this.maxInFlightPerAccount, n);
    }
  }

  private startAsync(kind: AsyncKind, accounts: string[], fault: Fault | undefined, finish: () => void): AsyncStatus {
    const requestId = this.id(`req-${kind}`);
    if (kind === 'create') {
      this.createsInFlight++;
      this.maxCreatesInFlight = Math.max(this.maxCreatesInFlight, this.createsInFlight);
    }
    const request: AsyncRequest = {
      kind,
      pollsLeft: fault?.error === 'hang' ? Number.POSITIVE_INFINITY : this.pollsUntilDone,
      ...(fault?.error === 'failed' ? { failureReason: fault.reason ?? 'injected failure' } : {}),
      accounts,
      finish,
      done: false,
    };
    this.requests.set(requestId, request);
    return this.poll(requestId);
  }

  private poll(requestId: string): AsyncStatus {
    const request = this.requests.get(requestId);
    if (!request) throw new FakeAwsError('ResourceNotFoundException', `no request ${requestId}`);
    if (request.final) return request.final;
    if (request.pollsLeft > 0) {
      request.pollsLeft--;
      return { requestId, status: 'IN_PROGRESS' };
    }
    request.done = true;
    if (request.kind === 'create') this.createsInFlight--;
    for (const a of request.accounts) this.accountBusy.set(a, (this.accountBusy.get(a) ?? 1) - 1);
    if (request.failureReason !== undefined) {
      request.final = { requestId, status: 'FAILED', failureReason: request.failureReason };
    } else {
      request.finish();
      request.final = { requestId, status: 'SUCCEEDED' };
    }
    return request.final;
  }

  private pendingOn(arn: string): boolean {
    for (const r of this.requests.values()) {
      if (!r.done && r.kind !== 'provision' && (r as AsyncRequest & { arn?: string }).arn === arn) return true;
    }
    return false;
  }

  // --- identity store writes -----------------------------------------------------------------

  async createUser(_store: string, user: User) {
    await this.enter('createUser', user.userName, [user]);
    if ([...this.users.values()].some((u) => u.userName === user.userName)) {
      throw new FakeAwsError('ConflictException', 'Duplicate UserName', 'UNIQUENESS_CONSTRAINT_VIOLATION');
    }
    const userId = this.id('user');
    this.users.set(userId, { ...user, userId });
    return userId;
  }
  /** Like UpdateUser: only the listed attributes change. */
  async updateUser(_store: string, userId: string, user: User, fields: readonly (keyof User)[]) {
    await this.enter('updateUser', user.userName, [userId, user, fields]);
    const have = this.users.get(userId);
    if (!have) throw new FakeAwsError('ResourceNotFoundException', `no user ${userId}`);
    const next = { ...have };
    for (const f of fields) next[f] = user[f];
    this.users.set(userId, next);
  }
  async deleteUser(_store: string, userId: string) {
    await this.enter('deleteUser', userId, [userId]);
    this.users.delete(userId);
  }
  async createGroup(_store: string, displayName: string, description: string | undefined) {
    await this.enter('createGroup', displayName, [displayName, description]);
    const groupId = this.id('group');
    this.groups.set(groupId, { groupId, displayName, ...(description !== undefined ? { description } : {}) });
    return groupId;
  }
  async updateGroup(_store: string, groupId: string, description: string | undefined) {
    await this.enter('updateGroup', groupId, [groupId, description]);
    const g = this.groups.get(groupId);
    if (!g) throw new FakeAwsError('ResourceNotFoundException', `no group ${groupId}`);
    this.groups.set(groupId, { groupId, displayName: g.displayName, ...(description !== undefined ? { description } : {}) });
  }
  async deleteGroup(_store: string, groupId: string) {
    await this.enter('deleteGroup', groupId, [groupId]);
    this.groups.delete(groupId);
  }
  async createGroupMembership(_store: string, groupId: string, userId: string) {
    await this.enter('createGroupMembership', `${groupId} ${userId}`, [groupId, userId]);
    if (!this.groups.has(groupId) || !this.users.has(userId)) throw new FakeAwsError('ResourceNotFoundException', 'no such group or user');
    const membershipId = this.id('membership');
    this.memberships.set(membershipId, { groupId, userId });
    return membershipId;
  }
  async deleteGroupMembership(_store: string, membershipId: string) {
    await this.enter('deleteGroupMembership', membershipId, [membershipId]);
    this.memberships.delete(membershipId);
  }

  // --- permission sets -----------------------------------------------------------------------

  async createPermissionSet(_i: string, name: string, attributes: PermissionSetAttributes, tags: Record<string, string>) {
    await this.enter('createPermissionSet', name, [name, attributes, tags]);
    const arn = `arn:aws:sso:::permissionSet/ssoins-1/ps-${name}`;
    if (this.sets.has(arn)) throw new FakeAwsError('ConflictException', `permission set ${name} exists`, 'UNIQUENESS_CONSTRAINT_VIOLATION');
    this.sets.set(arn, { arn, name, attributes: { ...attributes }, managed: new Set(), customer: new Set(), tags: { ...tags }, provisionedTo: new Set() });
    return arn;
  }
  async updatePermissionSet(_i: string, arn: string, attributes: PermissionSetAttributes) {
    await this.enter('updatePermissionSet', `${this.set(arn).name} ${JSON.stringify(attributes)}`, [arn, attributes]);
    this.set(arn).attributes = { ...attributes };
  }
  async deletePermissionSet(_i: string, arn: string) {
    const set = this.set(arn);
    await this.enter('deletePermissionSet', set.name, [arn]);
    const hasAssignments = [...this.assignments].some((id) => parseAssignmentId(id).permissionSetArn === arn);
    if (hasAssignments || this.pendingOn(arn)) {
      this.conflictsRaised.push(`deletePermissionSet ${set.name} with assignments`);
      throw conflict(`permission set ${set.name}`);
    }
    this.sets.delete(arn);
  }
  async putInlinePolicy(_i: string, arn: string, policy: string) {
    await this.enter('putInlinePolicy', this.set(arn).name, [arn, policy]);
    this.set(arn).inline = policy;
  }
  async deleteInlinePolicy(_i: string, arn: string) {
    await this.enter('deleteInlinePolicy', this.set(arn).name, [arn]);
    delete this.set(arn).inline;
  }
  async attachManagedPolicy(_i: string, arn: string, policyArn: string) {
    await this.enter('attachManagedPolicy', `${this.set(arn).name} ${policyArn}`, [arn, policyArn]);
    this.set(arn).managed.add(policyArn);
  }
  async detachManagedPolicy(_i: string, arn: string, policyArn: string) {
    await this.enter('detachManagedPolicy', `${this.set(arn).name} ${policyArn}`, [arn, policyArn]);
    this.set(arn).managed.delete(policyArn);
  }
  async attachCustomerManagedPolicy(_i: string, arn: string, ref: CustomerManagedPolicyRef) {
    await this.enter('attachCustomerManagedPolicy', `${this.set(arn).name} ${ref.path}${ref.name}`, [arn, ref]);
    this.set(arn).customer.add(`${ref.path}${ref.name}`);
  }
  async detachCustomerManagedPolicy(_i: string, arn: string, ref: CustomerManagedPolicyRef) {
    await this.enter('detachCustomerManagedPolicy', `${this.set(arn).name} ${ref.path}${ref.name}`, [arn, ref]);
    this.set(arn).customer.delete(`${ref.path}${ref.name}`);
  }
  async putPermissionsBoundary(_i: string, arn: string, boundary: PermissionsBoundary) {
    await this.enter('putPermissionsBoundary', this.set(arn).name, [arn, boundary]);
    this.set(arn).boundary = boundary;
  }
  async deletePermissionsBoundary(_i: string, arn: string) {
    await this.enter('deletePermissionsBoundary', this.set(arn).name, [arn]);
    delete this.set(arn).boundary;
  }
  async tagPermissionSet(_i: string, arn: string, tags: Record<string, string>) {
    await this.enter('tagPermissionSet', `${this.set(arn).name} ${Object.keys(tags).join(',')}`, [arn, tags]);
    Object.assign(this.set(arn).tags, tags);
  }
  async untagPermissionSet(_i: string, arn: string, keys: string[]) {
    await this.enter('untagPermissionSet', `${this.set(arn).name} ${keys.join(',')}`, [arn, keys]);
    for (const k of keys) delete this.set(arn).tags[k];
  }

  // --- provisioning and assignments ----------------------------------------------------------

  async provisionPermissionSet(_i: string, arn: string) {
    const set = this.set(arn);
    const fault = await this.enter('provisionPermissionSet', set.name, [arn]);
    const accounts = [...set.provisionedTo].sort();
    this.occupy(accounts, `provision ${set.name}`);
    return this.startAsync('provision', accounts, fault, () => {});
  }
  async describeProvisioningStatus(_i: string, requestId: string) {
    await this.enter('describeProvisioningStatus', requestId, [requestId]);
    return this.poll(requestId);
  }
  async createAccountAssignment(_i: string, target: AssignmentTarget) {
    const fault = await this.enter('createAccountAssignment', describeTarget(target, this), [target]);
    const set = this.set(target.permissionSetArn);
    if (this.createsInFlight >= 10) {
      throw new FakeAwsError('ServiceQuotaExceededException', 'more than 10 outstanding CreateAccountAssignment requests');
    }
    this.occupy([target.accountId], `create assignment ${describeTarget(target, this)}`);
    const status = this.startAsync('create', [target.accountId], fault, () => {
      this.assignments.add(assignmentId(target));
      set.provisionedTo.add(target.accountId);
    });
    this.tagRequest(status.requestId, target.permissionSetArn);
    return status;
  }
  async deleteAccountAssignment(_i: string, target: AssignmentTarget) {
    const fault = await this.enter('deleteAccountAssignment', describeTarget(target, this), [target]);
    this.occupy([target.accountId], `delete assignment ${describeTarget(target, this)}`);
    const status = this.startAsync('delete', [target.accountId], fault, () => {
      this.assignments.delete(assignmentId(target));
    });
    this.tagRequest(status.requestId, target.permissionSetArn);
    return status;
  }
  async describeAssignmentCreationStatus(_i: string, requestId: string) {
    await this.enter('describeAssignmentCreationStatus', requestId, [requestId]);
    return this.poll(requestId);
  }
  async describeAssignmentDeletionStatus(_i: string, requestId: string) {
    await this.enter('describeAssignmentDeletionStatus', requestId, [requestId]);
    return this.poll(requestId);
  }

  private tagRequest(requestId: string, arn: string): void {
    const r = this.requests.get(requestId);
    if (r) (r as AsyncRequest & { arn?: string }).arn = arn;
  }

  /** `ReadOnly USER jonathan 111122223333` for assertions. */
  assignmentList(): string[] {
    return [...this.assignments]
      .map((id) => {
        const a = parseAssignmentId(id);
        return `${this.sets.get(a.permissionSetArn)?.name ?? a.permissionSetArn} ${a.principalType} ${this.principalName(a.principalType, a.principalId)} ${a.accountId}`;
      })
      .sort();
  }
}
