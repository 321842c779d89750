/**
 * Issue 10 (AWS side): a hung endpoint, a proxy's HTML 502, a bad AWS_ENDPOINT_URL, a persistent
 * throttle, read-only credentials, and a read that fails after apply — each as a user meets it:
 * through `idc` (runCli) or the real SDK gateway, against loopback servers and the emulator.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwsCallError } from '../../src/aws/aws-error.js';
import type { IdentityCenterGateway } from '../../src/aws/gateway.js';
import { createSdkGateway } from '../../src/aws/sdk-gateway.js';
import { DEFAULT_TIMEOUTS, timeoutsFromEnv } from '../../src/aws/timeouts.js';
import { runCli } from '../../src/cli/run.js';
import { createEngine } from '../../src/engine.js';
import type { Engine } from '../../src/engine-contract.js';
import { readWorldFile, startEmulator, type RunningEmulator } from '../../emulator/index.js';

const root = join(import.meta.dirname, '../..');
const CONFIG = join(root, 'access.yaml');
// The Node-version note (one line on Node 20, none on 24) is not what these tests are about.
const KEYS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function idc(argv: string[], env: Record<string, string>, engine?: Engine): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  // The SDK reads AWS_ENDPOINT_URL and the keys from process.env; idc reads its own settings from io.env.
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: root,
    env: { ...process.env },
    ...(engine ? { engine } : {}),
  });
  return { code, stdout, stderr, ms: Date.now() - started };
}

/** A TCP server on 127.0.0.1 that accepts connections and never answers. */
async function hungEndpoint(): Promise<{ url: string; connections: () => number }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, connections: () => sockets.length };
}

async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const world = await readWorldFile(join(root, 'emulator/worlds/demo.json'));
  const emu = await startEmulator({ world, rateLimit: 0, asyncPolls: 1, asyncMs: 20, ...options });
  cleanups.push(() => emu.close());
  return emu;
}

function emulatorEngine(emu: RunningEmulator, wrap: (g: IdentityCenterGateway) => IdentityCenterGateway = (g) => g): Engine {
  return createEngine({
    region: 'us-east-1',
    env: {},
    apply: { pollIntervalMs: 5 },
    gatewayFor: (region) =>
      wrap(
        createSdkGateway({
          region,
          endpoint: emu.endpoint,
          credentials: () => Promise.resolve({ accessKeyId: 'test', secretAccessKey: 'test' }),
          rateLimit: Infinity,
          retry: { baseDelayMs: 1, maxDelayMs: 4 },
        }),
      ),
  });
}

describe('a hung endpoint', () => {
  it('ends `idc plan` with one clear line naming the endpoint and the operation, well under 60 s', async () => {
    const hung = await hungEndpoint();
    const r = await idc(['plan', CONFIG, '--quiet'], { ...KEYS, AWS_ENDPOINT_URL: hung.url, IDC_AWS_RESPONSE_TIMEOUT_SECONDS: '0.3' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `idc plan: Could not list Identity Center instances: no answer from ${hung.url} within 0.3 s (sso:ListInstances, 2 attempts)` +
        ' — the endpoint accepts connections but does not answer: check the network, any proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL if set; to wait longer set IDC_AWS_RESPONSE_TIMEOUT_SECONDS\n',
    );
    expect(r.ms).toBeLessThan(60_000);
    // The request was tried twice, not forever.
    expect(hung.connections()).toBeLessThanOrEqual(2);
  });

  it('with the default timeouts says 15 s, and gives up after 2 attempts (≈ 30 s, under the 60 s promise)', () => {
    const timeout = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 15000 ms requestTimeout.'), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    });
    const error = new AwsCallError({ action: 'sso:ListInstances', doing: 'list Identity Center instances' }, timeout, 2, {
      endpoint: 'https://sso.eu-west-1.amazonaws.com',
      timeouts: timeoutsFromEnv({}),
    });
    expect(error.message).toBe(
      'Could not list Identity Center instances: no answer from https://sso.eu-west-1.amazonaws.com within 15 s (sso:ListInstances, 2 attempts)' +
        ' — the endpoint accepts connections but does not answer: check the network, any proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL if set; to wait longer set IDC_AWS_RESPONSE_TIMEOUT_SECONDS',
    );
    expect(timeoutsFromEnv({})).toEqual(DEFAULT_TIMEOUTS);
    expect(2 * DEFAULT_TIMEOUTS.responseMs + DEFAULT_TIMEOUTS.connectMs).toBeLessThan(60_000);
  });

  it('refuses a bad timeout setting, naming the variable', () => {
    expect(() => timeoutsFromEnv({ IDC_AWS_RESPONSE_TIMEOUT_SECONDS: 'soon' })).toThrow(
      'IDC_AWS_RESPONSE_TIMEOUT_SECONDS must be a positive number, got "soon": fix or unset it',
    );
  });
});

describe('answers that are not AWS’s, and bad settings', () => {
  it('shows the HTTP status of a proxy’s HTML 502, never the parser’s SyntaxError', async () => {
    let requests = 0;
    const server: HttpServer = createHttpServer((_req, res) => {
      requests++;
      res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const gateway = createSdkGateway({
      region: 'us-east-1',
      endpoint: url,
      credentials: () => Promise.resolve({ accessKeyId: 'test', secretAccessKey: 'test' }),
      rateLimit: Infinity,
      sleep: async () => undefined,
    });
    const message = await gateway.listInstances().then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(message).toBe(
      `Could not list Identity Center instances: HTTP 502 Bad Gateway from ${url}: a text/html page instead of an AWS answer (sso:ListInstances, 7 attempts)` +
        ' — something between here and AWS (a proxy, a load balancer, or AWS_ENDPOINT_URL) answered instead of AWS: try again later, or check HTTPS_PROXY and AWS_ENDPOINT_URL',
    );
    expect(message).not.toMatch(/SyntaxError|Deserialization|Unexpected token/);
    expect(requests).toBe(7);
  });

  it('names AWS_ENDPOINT_URL when it is not a URL, instead of "TypeError: Invalid URL"', async () => {
    const r = await idc(['plan', CONFIG, '--quiet'], { ...KEYS, AWS_ENDPOINT_URL: 'htp//127.0.0.1:4566' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'idc plan: AWS_ENDPOINT_URL is not a valid URL: "htp//127.0.0.1:4566". Set it to the endpoint\'s full URL (e.g. http://127.0.0.1:4566 for the local emulator), or unset it to call AWS.\n',
    );
  });
});

describe('one layer of retries', () => {
  it('one persistent throttle costs at most the documented 7 requests, counted at the emulator', async () => {
    const emu = await emulator({ faults: { throttleRate: 1 } });
    const gateway = createSdkGateway({
      region: 'us-east-1',
      endpoint: emu.endpoint,
      credentials: () => Promise.resolve({ accessKeyId: 'test', secretAccessKey: 'test' }),
      rateLimit: Infinity,
      sleep: async () => undefined,
    });
    const error = await gateway.listInstances().catch((e: unknown) => e);
    expect((error as AwsCallError).kind).toBe('throttling');
    expect((error as Error).message).toBe(
      'Could not list Identity Center instances: ThrottlingException: Rate exceeded — AWS kept throttling after 7 attempts; try again later, when fewer tools call Identity Center',
    );
    expect(emu.calls()).toEqual({ 'sso-admin:ListInstances': 7 });
  });
});

describe('apply', () => {
  it('with read-only credentials stops after the first access denied, with one message', async () => {
    const emu = await emulator({ faults: { readOnly: true } });
    const r = await idc(['apply', CONFIG, '--yes', '--quiet'], {}, emulatorEngine(emu));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\nApplied 0 of 5 changes in \d+\.\ds \(1 API call\), 1 failed, 4 not attempted\.\nA fresh plan still shows 5 changes: run "idc plan" to see them\.\n$/,
    );
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^ {2}failed: create user jonathan: AccessDeniedException: User: .* is not authorized to perform: identitystore:CreateUser because no identity-based policy allows the identitystore:CreateUser action — the credentials lack the IAM permission identitystore:CreateUser$/,
      ),
      'idc apply: stopped at the first access denied: the credentials lack the IAM permission identitystore:CreateUser; run apply with credentials allowed to make changes (README "AWS setup"). 4 changes were not attempted.',
      'idc apply: not everything converged: fix the failures above and run apply again.',
    ]);
    expect(r.stderr).not.toMatch(/AwsCallError|Error:/);
    // One write reached AWS; every other request was a read.
    const writes = Object.entries(emu.calls()).filter(([op]) => /:(Create|Update|Delete|Put|Attach|Detach|Tag|Untag|Provision)/.test(op));
    expect(writes).toEqual([['identitystore:CreateUser', 1]]);
  });

  it('still prints "Applied N of M changes" when reading the state again fails', async () => {
    const emu = await emulator();
    let reads = 0;
    // The second read (the check after apply) meets a throttle that outlasts the retries.
    const engine = emulatorEngine(
      emu,
      (g) =>
        new Proxy(g, {
          get(target, property, receiver) {
            const value: unknown = Reflect.get(target, property, receiver);
            if (property !== 'listInstances' || typeof value !== 'function') return value;
            return () => {
              if (++reads === 2) emu.setFaults({ throttleRate: 1 });
              return (value as () => Promise<unknown>).call(target);
            };
          },
        }),
    );
    const r = await idc(['apply', CONFIG, '--yes', '--quiet'], {}, engine);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\nApplied 5 of 5 changes in \d+\.\ds \(\d+ API calls\)\.\n$/);
    expect(r.stderr).toBe(
      'idc apply: could not check the result, reading the state again failed: Could not list Identity Center instances: ThrottlingException: Rate exceeded — AWS kept throttling after 7 attempts; try again later, when fewer tools call Identity Center\n' +
        'Run "idc plan" to see what is left, and apply again if needed.\n',
    );
    // What the report says was applied is there.
    expect(emu.dump().users?.map((u) => u.userName)).toEqual(['jonathan']);
  });
});
