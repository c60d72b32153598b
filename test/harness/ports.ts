// Loopback ports chosen before any process starts, for clusters whose nodes must know each
// other's addresses up front (the --controllers voters list names every internal port) and keep
// them across restarts. A port is probed by binding 127.0.0.1:<port> exclusively and closing
// again. Ports come from below the kernel's ephemeral range (ip_local_port_range): outgoing
// connections and `listen(0)` take their ports from that range, so neither can sit on a node's
// port while the node is down and restarting. A port another process binds between the probe
// and the node's own bind shows up as EADDRINUSE in the node's log; startCluster then starts over
// with new ports. Ports handed out here are not handed out again by this test process.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freeLoopbackPort } from '@brook/broker/testing';

const LOWEST_PORT = 20_000;
const PROBES_MAX = 200;
const handedOut = new Set<number>();

/** `count` distinct free loopback ports, each not yet handed out by this process. */
export async function reservePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  const highest = ephemeralRangeStart() - 1;
  for (let probe = 0; ports.length < count && probe < PROBES_MAX; probe++) {
    const port = highest - LOWEST_PORT < count * 10 ? await freeLoopbackPort() : LOWEST_PORT + Math.floor(Math.random() * (highest - LOWEST_PORT));
    if (handedOut.has(port) || !(await canBind(port))) continue;
    handedOut.add(port);
    ports.push(port);
  }
  if (ports.length < count) throw new Error(`found only ${ports.length} of ${count} free loopback ports in ${PROBES_MAX} probes`);
  return ports;
}

function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1024 ? low : 32_768;
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
