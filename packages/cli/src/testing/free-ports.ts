// A free base port for `brook cluster start --base-port` in tests: every port the cluster's
// layout uses from it (client, internal and admin of each node) binds on 127.0.0.1 right now.
// Bases are drawn below the kernel's ephemeral range, where outgoing connections and listen(0)
// take their ports, so nothing else lands on a node's port while the cluster starts or a node
// restarts; a random draw keeps concurrent test processes apart.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { clusterLayout, highestPort } from '../cluster/cluster-file.js';

const LOWEST_BASE = 20_000;
const DRAWS_MAX = 100;

function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST_BASE + 1_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The ports a cluster of `n` nodes uses from `basePort`. */
export function clusterPorts(basePort: number, n: number): number[] {
  return clusterLayout('/', basePort, n).flatMap((node) => [node.clientAddress, node.internalAddress, node.adminAddress].map((a) => Number(a.split(':')[1])));
}

/** A base port whose whole block of ports for `n` nodes is free. */
export async function freeClusterBasePort(n: number): Promise<number> {
  const span = highestPort(0, n) + 1;
  const highestBase = ephemeralRangeStart() - span;
  for (let draw = 0; draw < DRAWS_MAX; draw++) {
    const base = LOWEST_BASE + Math.floor(Math.random() * (highestBase - LOWEST_BASE));
    const free = await Promise.all(clusterPorts(base, n).map(canBind));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no free block of ports for ${n} nodes in ${DRAWS_MAX} draws`);
}
