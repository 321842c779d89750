/**
 * A minimal Language Server Protocol client over stdio (JSON-RPC with Content-Length framing, as
 * the LSP specification defines it), enough to open a document and read the diagnostics an editor
 * would show. Used to drive yaml-language-server the way VS Code's YAML extension does.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
}

type Message = { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly diagnostics = new Map<string, LspDiagnostic[]>();
  private readonly waiters: { uri: string; resolve: (d: LspDiagnostic[]) => void }[] = [];
  stderr = '';

  constructor(
    command: string,
    args: string[],
    private readonly settings: unknown,
  ) {
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env } });
    this.proc.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body) as Message);
    }
  }

  private handle(m: Message): void {
    if (m.method === undefined && m.id !== undefined) {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
      return;
    }
    if (m.method === 'textDocument/publishDiagnostics') {
      const p = m.params as { uri: string; diagnostics: LspDiagnostic[] };
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const w of this.waiters.filter((x) => x.uri === p.uri)) w.resolve(p.diagnostics);
      return;
    }
    // Requests from the server: answer the configuration it asks for, accept anything else.
    if (m.id !== undefined && m.method !== undefined) {
      const result =
        m.method === 'workspace/configuration'
          ? ((m.params as { items: { section?: string }[] }).items ?? []).map((i) =>
              i.section === 'yaml' ? (this.settings as { yaml: unknown }).yaml : i.section ? undefined : this.settings,
            )
          : null;
      this.send({ id: m.id, result });
    }
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async initialize(rootUri: string): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Opens a document and resolves with the first diagnostics the server publishes for it. */
  open(uri: string, text: string): Promise<LspDiagnostic[]> {
    const published = new Promise<LspDiagnostic[]>((resolve) => this.waiters.push({ uri, resolve }));
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return published;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } finally {
      setTimeout(() => this.proc.kill(), 500).unref();
    }
  }
}
