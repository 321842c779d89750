import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from './emulator.js';

/** Serves the emulator on 127.0.0.1 (only). */
export async function listen(emu: Emulator, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      emu
        .handle(req.method ?? 'GET', req.url ?? '/', req.headers, body)
        .then((a) => {
          res.writeHead(a.status, { ...a.headers, 'content-length': Buffer.byteLength(a.body) });
          res.end(a.body);
        })
        .catch((e: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ __type: 'InternalServerException', message: String(e) }));
        });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
