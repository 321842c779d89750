/** Fakes for the Action's tests: an engine with scripted state, a recording core IO, plans. */
import type { ApplyOutcome, ApplyRequest, Engine, PlanOutcome, ValidateOutcome } from '../../src/engine-contract.js';
import type { AnnotationProperties, ActionIO } from '../../src/github/io.js';
import type { RenderPlanMarkdown } from '../../src/github/render.js';
import type { Desired } from '../../src/model/desired.js';
import type { Live } from '../../src/model/live.js';
import type { Organization } from '../../src/model/organization.js';
import type { Diagnostic } from '../../src/model/source.js';
import { blockingRefusals, refusalLine } from '../../src/plan/safety/verdict.js';
import { PLAN_FORMAT_VERSION, type Change, type Plan, type SafetyRefusal } from '../../src/plan/types.js';

/** A plan creating the given users (enough for the Action, which never looks inside changes). */
export function planCreating(users: string[], config = 'access.yaml'): Plan {
  const changes: Change[] = users.map((userName) => ({ kind: 'user', action: 'create', userName, fields: [] }));
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    configFile: config,
    instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
    changes,
    accessChanges: [],
    warnings: [],
    counts: { create: users.length, update: 0, delete: 0 },
    accountNames: {},
    safety: { safe: true, refusals: [] },
    hash: users.length === 0 ? 'e'.repeat(64) : `h${users.join('-')}`.padEnd(64, '0'),
  };
}

/** The plan with refusals in its safety verdict (`max_deletes`-like ones unless told). */
export function refusedPlan(plan: Plan, messages: string[], forceOverrides = true): Plan {
  const refusals: SafetyRefusal[] = messages.map((message) => ({
    code: forceOverrides ? 'max-deletes-exceeded' : 'own-access-removed',
    message,
    forceOverrides,
  }));
  return { ...plan, safety: { safe: refusals.length === 0, refusals } };
}

/** A renderer that lists changes and escapes nothing dangerous (tests only). */
export const simpleRender: RenderPlanMarkdown = (plan, options) => {
  const lines = plan.changes.map((c) => `- ${c.action} ${c.kind} ${'userName' in c ? c.userName : ''}`);
  const body = lines.length === 0 ? 'No changes.' : lines.join('\n');
  const text = `## ${options.title ?? 'idc plan'}\n\n${plan.changes.length} changes\n${body}`;
  return options.maxChars !== undefined ? text.slice(0, options.maxChars) : text;
};

export interface EngineCall {
  method: 'validate' | 'plan' | 'apply';
  config: string;
  request?: ApplyRequest;
}

/**
 * An engine over a scripted world: `pending` is what a fresh plan shows now. apply follows the
 * real engine's order: invalid → plan-changed → nothing-to-do → unsafe (the plan's safety
 * verdict, as the real engine reads it) → applied (and then the world converges: a new plan is empty).
 */
export class FakeEngine implements Engine {
  pending: Plan = planCreating([]);
  diagnostics: Diagnostic[] = [];
  failures = 0;
  calls: EngineCall[] = [];
  /** The file and AWS behind `pending`, for what reads them (the drift run's access report). */
  state: { desired: Desired; live: Live } = { desired: {} as Desired, live: {} as Live };

  get valid(): boolean {
    return !this.diagnostics.some((d) => d.severity === 'error');
  }

  async validate(config: string): Promise<ValidateOutcome> {
    this.calls.push({ method: 'validate', config });
    return {
      ok: this.valid,
      diagnostics: this.diagnostics,
      summary: `${config}: 1 user, 0 groups, 1 permission set, 1 assignment rule`,
    };
  }

  async read(): Promise<Live> {
    throw new Error('the Action never reads state without planning');
  }

  async readOrganization(): Promise<Organization> {
    throw new Error('the Action never reads the organization alone');
  }

  async plan(config: string): Promise<PlanOutcome> {
    this.calls.push({ method: 'plan', config });
    if (!this.valid) return { ok: false, diagnostics: this.diagnostics };
    return { ok: true, plan: this.pending, desired: this.state.desired, live: this.state.live, diagnostics: this.diagnostics };
  }

  async apply(config: string, request: ApplyRequest): Promise<ApplyOutcome> {
    this.calls.push({ method: 'apply', config, request });
    if (!this.valid) return { status: 'invalid', diagnostics: this.diagnostics };
    const plan = this.pending;
    if (request.expectedHash !== undefined && request.expectedHash !== plan.hash && !request.force) {
      return { status: 'plan-changed', plan, expectedHash: request.expectedHash };
    }
    if (plan.changes.length === 0) return { status: 'nothing-to-do', plan };
    const refusals = blockingRefusals(plan.safety, request.force === true);
    if (refusals.length > 0) return { status: 'unsafe', plan, reasons: refusals.map(refusalLine) };
    const failed = plan.changes.slice(0, this.failures).map((change) => ({
      change,
      subject: `create user ${'userName' in change ? change.userName : ''}`,
      message: 'AccessDeniedException: not allowed <b>here</b>',
    }));
    const report = { succeeded: plan.changes.length - failed.length, failed, skipped: 0, calls: {}, durationMs: 1200 };
    if (failed.length === 0) this.pending = planCreating([]);
    return { status: 'applied', plan, report, remaining: this.pending, startUrl: 'https://d-1234567890.awsapps.com/start' };
  }

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties?: AnnotationProperties;
}

/** An ActionIO that records everything. */
export class FakeIO implements ActionIO {
  inputs: Record<string, string>;
  outputs: Record<string, string> = {};
  annotations: Annotation[] = [];
  logs: string[] = [];
  secrets: string[] = [];
  summaries: string[] = [];
  failed: string | undefined;
  idToken: () => Promise<string> = async () => 'eyJhbGciOi.fake-oidc.token';

  constructor(inputs: Record<string, string> = {}) {
    this.inputs = { 'github-token': 'ghs_workflowtoken', ...inputs };
  }

  getInput(name: string): string {
    return (this.inputs[name] ?? '').trim();
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }
  setFailed(message: string): void {
    this.failed = message;
  }
  error(message: string, properties?: AnnotationProperties): void {
    this.annotations.push({ level: 'error', message, ...(properties ? { properties } : {}) });
  }
  warning(message: string, properties?: AnnotationProperties): void {
    this.annotations.push({ level: 'warning', message, ...(properties ? { properties } : {}) });
  }
  notice(message: string, properties?: AnnotationProperties): void {
    this.annotations.push({ level: 'notice', message, ...(properties ? { properties } : {}) });
  }
  info(message: string): void {
    this.logs.push(message);
  }
  setSecret(value: string): void {
    this.secrets.push(value);
  }
  getIDToken(): Promise<string> {
    return this.idToken();
  }
  async appendSummary(markdown: string): Promise<void> {
    this.summaries.push(markdown);
  }

  get summary(): string {
    return this.summaries.join('\n');
  }
}
