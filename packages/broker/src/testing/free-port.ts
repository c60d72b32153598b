// A free TCP port on loopback, for starting several processes that must know each other's
// addresses before any of them listens (Raft peers). The kernel picks the port; the probe
// socket is closed before returning, so another process could in principle take it first:
// fine for tests and benchmarks on one machine, never for production listeners (those bind
// port 0 themselves and report the bound address).
import { createServer } from 'node:net';

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
