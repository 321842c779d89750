import { SortedMap } from './sorted-map.js';
import type { PrincipalType } from './world-types.js';

export type OpKind = 'CREATE_ASSIGNMENT' | 'DELETE_ASSIGNMENT' | 'PROVISION';
export type OpStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

export interface AsyncOp {
  requestId: string;
  kind: OpKind;
  status: OpStatus;
  failureReason: string | undefined;
  /** Wall-clock ms. */
  createdAt: number;
  /** Wall-clock ms after which it completes without further polls. */
  dueAt: number;
  polls: number;
  permissionSetArn: string;
  /** Accounts the operation touches (one for assignments; a snapshot for provisioning). */
  accountIds: string[];
  /** For provisioning: the AccountId in the status (absent for ALL_PROVISIONED_ACCOUNTS). */
  targetAccountId: string | undefined;
  principalType: PrincipalType | undefined;
  principalId: string | undefined;
}

export interface AsyncSettings {
  asyncPolls: number;
  /** Wall ms (already divided by the time scale). */
  asyncWallMs: number;
}

/**
 * Asynchronous operations. An operation is IN_PROGRESS until it has been polled more than
 * `asyncPolls` times or its due time has passed, whichever comes first; then `complete` applies
 * its effect to the state and decides SUCCEEDED or FAILED.
 */
export class AsyncOps {
  private readonly all = new Map<string, AsyncOp>();
  private readonly pending = new Set<AsyncOp>();
  private seq = 0;
  /** Per kind, in creation order (key = sequence number). */
  readonly byKind: Record<OpKind, SortedMap<AsyncOp>> = {
    CREATE_ASSIGNMENT: new SortedMap<AsyncOp>(),
    DELETE_ASSIGNMENT: new SortedMap<AsyncOp>(),
    PROVISION: new SortedMap<AsyncOp>(),
  };

  constructor(
    private settings: AsyncSettings,
    private readonly complete: (op: AsyncOp) => { status: 'SUCCEEDED' | 'FAILED'; reason?: string },
  ) {}

  configure(settings: AsyncSettings): void {
    this.settings = settings;
  }

  start(op: Omit<AsyncOp, 'status' | 'failureReason' | 'dueAt' | 'polls'>): AsyncOp {
    const full: AsyncOp = { ...op, status: 'IN_PROGRESS', failureReason: undefined, dueAt: op.createdAt + this.settings.asyncWallMs, polls: 0 };
    this.all.set(full.requestId, full);
    this.pending.add(full);
    this.byKind[full.kind].set(String(++this.seq).padStart(12, '0'), full);
    return full;
  }

  get(requestId: string): AsyncOp | undefined {
    return this.all.get(requestId);
  }

  /** A Describe…Status call: counts the poll, completes the operation when it is time. */
  poll(op: AsyncOp, now: number): AsyncOp {
    if (op.status === 'IN_PROGRESS') {
      op.polls++;
      if (op.polls > this.settings.asyncPolls || now >= op.dueAt) this.finish(op);
    }
    return op;
  }

  /** Completes every operation whose time has come. Called before each request. */
  settleDue(now: number): void {
    for (const op of this.pending) if (now >= op.dueAt) this.finish(op);
  }

  /** Completes everything (dump, shutdown). */
  settleAll(): void {
    for (const op of this.pending) this.finish(op);
  }

  pendingOps(): IterableIterator<AsyncOp> {
    return this.pending.values();
  }

  outstanding(kind: OpKind): number {
    let n = 0;
    for (const op of this.pending) if (op.kind === kind) n++;
    return n;
  }

  private finish(op: AsyncOp): void {
    this.pending.delete(op);
    const r = this.complete(op);
    op.status = r.status;
    op.failureReason = r.status === 'FAILED' ? (r.reason ?? 'Internal failure') : undefined;
  }
}
