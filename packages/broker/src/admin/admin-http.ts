// The admin listener (ARCHITECTURE.md, "Processes, roles and ports"), plain node:http for four
// read-only endpoints:
//   /metrics    Prometheus text format (prom-client)
//   /healthz    200 while the process runs (liveness)
//   /readyz     200 once logs are open and the client listener serves, 503 before and while stopping
//   /v1/status  JSON: node, cluster, addresses, partitions with offsets, effective config
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrokerMetrics } from './broker-metrics.js';
import type { Logger } from '../logging/logger.js';
import { formatAddress, parseAddress } from '../config/address.js';

export interface AdminStatusSource {
  ready(): boolean;
  status(): unknown;
}

export interface AdminListener {
  server: Server;
  address: string;
}

export async function startAdminListener(listen: string, metrics: BrokerMetrics, source: AdminStatusSource, logger: Logger): Promise<AdminListener> {
  const log = logger.child({ component: 'admin-http' });
  const server = createServer((request, response) => {
    route(request, response, metrics, source).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, 'admin request failed');
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else response.destroy();
    });
  });
  // Scrapers and probes hold keep-alive connections; they must not delay a shutdown.
  server.keepAliveTimeout = 5_000;
  const { host, port } = parseAddress(listen);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`cannot listen on ${listen} (adminListen): ${error.message}`, { cause: error })));
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  return { server, address: formatAddress({ host, port: bound.port }) };
}

export function stopAdminListener(listener: AdminListener): Promise<void> {
  return new Promise<void>((resolve) => {
    listener.server.close(() => resolve());
    listener.server.closeAllConnections();
  });
}

async function route(request: IncomingMessage, response: ServerResponse, metrics: BrokerMetrics, source: AdminStatusSource): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  switch (path) {
    case '/metrics': {
      const { contentType, body } = await metrics.render();
      return send(response, 200, contentType, body);
    }
    case '/healthz':
      return send(response, 200, 'text/plain; charset=utf-8', 'ok\n');
    case '/readyz':
      return source.ready() ? send(response, 200, 'text/plain; charset=utf-8', 'ready\n') : send(response, 503, 'text/plain; charset=utf-8', 'not ready\n');
    case '/v1/status':
      return send(response, 200, 'application/json', JSON.stringify(source.status(), null, 2) + '\n');
    default:
      return send(response, 404, 'text/plain; charset=utf-8', 'not found: try /metrics, /healthz, /readyz, /v1/status\n');
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
