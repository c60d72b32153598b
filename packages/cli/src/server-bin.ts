// Where the broker's executable is. The cli never imports broker code (ARCHITECTURE.md's
// dependency rule); it runs the broker's bin, `@brook/broker/dist/bin/brook-server.js`, as a
// child process. The path is found, in order, from BROOK_SERVER_BIN (an override for packaged
// installs and tests), from resolving the @brook/broker package (the cli depends on it at run
// time only, so pnpm links it beside the cli), and from the monorepo layout
// (packages/cli/dist/ -> packages/broker/dist/bin/).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './cli-error.js';

const BIN_RELATIVE_TO_PACKAGE_DIST = join('bin', 'brook-server.js');

/**
 * Node flags every brook-server process gets from the cli. V8 starts an incremental mark-compact
 * whenever the old generation's headroom is smaller than the young generation, and a broker's
 * live heap is small (~20 MB) while it allocates fast, so with V8's defaults sized for that small
 * heap it ran a full collection every 100-300 ms under produce load (--trace-gc), each tens of
 * milliseconds of CPU. Two flags keep the headroom large, as a JVM broker is given -Xms:
 * - 8 MB semi-spaces (default grows to 16 MB) bound the young generation; scavenges stay about a
 *   millisecond each. `pnpm bench:cluster --only latency`: 25 mark-compacts in 10 s became 1.
 * - a 128 MB initial old generation (the heap is not reserved up front; it only delays the first
 *   limit). `pnpm bench:cluster --only 1k` with BENCH_NODE_ARGS="--trace-gc": 35-49
 *   mark-compacts in the three nodes became 3, node CPU 6.7-7.5 s -> 4.0-4.5 s, and 1 KiB
 *   throughput 21-22 -> 31-36 MB/s on the same machine.
 * A third, on a machine of at most SINGLE_THREADED_GC_MAX_CPUS CPUs, keeps the collector on the
 * broker's own thread (`--single-threaded-gc`: no parallel scavenge, no concurrent marking or
 * sweeping). V8 gives every process a pool of four helper threads for its collector; where they
 * outnumber the CPUs they run in bursts beside the event loops of the same broker and of the
 * others on the machine, and the acks=all path waits for the slowest of three processes. Paced
 * 5k records/s through a local 3-node cluster on 2 vCPUs, alternating with V8's default (15
 * pairs): ack p99 median 26.8 -> 17.5 ms (lower in 13 of 15), the slowest ack's median 55 -> 29
 * ms, the brokers' CPU unchanged; 1 GB of 1 KiB records: 67.0-75.5 -> 70.5-73.5 MB/s. Fully
 * single-threaded V8 (no background compiling either) was worse than the default (p99 24-29 ms),
 * one helper thread (--v8-pool-size=1) in between (median 20 ms). Measured on 2 CPUs; up to 4,
 * one broker's four helpers alone fill the machine. With more CPUs V8's default stays.
 */
export const SINGLE_THREADED_GC_MAX_CPUS = 4;

/** The node flags for a brook-server process on a machine with `cpus` CPUs. */
export function serverNodeFlags(cpus: number = availableParallelism()): readonly string[] {
  const flags = ['--max-semi-space-size=8', '--initial-old-space-size=128'];
  if (cpus <= SINGLE_THREADED_GC_MAX_CPUS) flags.push('--single-threaded-gc');
  return flags;
}

function fromPackageResolution(): string | null {
  try {
    // Resolves the package's "." export (dist/index.js) to a path without loading it.
    const entry = fileURLToPath(import.meta.resolve('@brook/broker'));
    return join(dirname(entry), BIN_RELATIVE_TO_PACKAGE_DIST);
  } catch {
    return null;
  }
}

function fromMonorepoLayout(): string {
  // This file is packages/cli/dist/server-bin.js once built.
  return fileURLToPath(new URL('../../broker/dist/bin/brook-server.js', import.meta.url));
}

export function resolveServerBin(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['BROOK_SERVER_BIN'];
  const candidates = override ? [override] : [fromPackageResolution(), fromMonorepoLayout()];
  for (const candidate of candidates) {
    if (candidate !== null && existsSync(candidate)) return candidate;
  }
  const looked = candidates.filter((c): c is string => c !== null).join(', ');
  throw new CliError('SERVER_BIN_NOT_FOUND', `no broker executable at ${looked}; run pnpm build (or set BROOK_SERVER_BIN)`);
}
