#!/usr/bin/env node
// A process that runs one RaftDriver (level storage in `dataDir`, the gRPC transport on
// host:port), for the multi-process tests and the benchmark. Nothing here is the broker: the
// broker embeds RaftDriver in its own composition root.
//
//   node dist/raft/bin/raft-node.js '<config JSON>'      (RaftNodeConfig below)
//
// Control channel: JSON lines. Requests on stdin, `{"id": n, "cmd": ..., ...}`; answers on
// stdout, `{"id": n, "ok": true, "result": ...}` or `{"id": n, "ok": false, "error": ..., "code": ...}`.
// The process first prints `{"event": "ready", "port": p}`. Logs (pino JSON) go to stderr.
// Commands: status | applied | log-digest {from, upTo} | propose {count, bytes, inflight, ratePerSecond, durationMsMax,
// runId} | campaign | stop. SIGTERM stops cleanly too.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import type { NodeId, Snapshot } from '@brook/raft';
import { RaftDriver } from '../raft-driver.js';
import type { RaftTuning } from '../raft-driver.js';
import { isRaftDriverError } from '../driver-errors.js';
import { LevelRaftStorage } from '../storage/level-raft-storage.js';
import { GrpcRaftTransport } from '../transport/grpc-raft-transport.js';
import { AppliedRecord, logDigest } from './applied-record.js';
import { runLoad } from './load-generator.js';
import type { LoadOptions } from './load-generator.js';

export interface RaftNodeConfig {
  readonly id: NodeId;
  readonly clusterId: string;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Every voter's internal address, this node's included, keyed by node id. */
  readonly members: Record<string, string>;
  readonly tickMs: number;
  readonly electionTimeoutTicks: number;
  readonly heartbeatIntervalTicks: number;
  readonly logLevel?: string;
  /** Snapshot the test state machine and compact the log every this many applied entries. */
  readonly snapshotEveryEntries?: number;
  /** Core options (flow control, batching); the core's defaults otherwise. */
  readonly tuning?: RaftTuning;
}

interface ControlRequest {
  readonly id: number;
  readonly cmd: string;
  readonly [key: string]: unknown;
}

/** CPU time this process has used (user + system), for the benchmark's cost per proposal. */
function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

interface RunningNode {
  readonly driver: RaftDriver;
  readonly storage: LevelRaftStorage;
  readonly transport: GrpcRaftTransport;
  readonly applied: AppliedRecord;
  readonly port: number;
  /** Snapshots handed to the state machine (at start, or received from the leader). */
  readonly counters: { snapshotRestores: number };
  stop(): Promise<void>;
}

async function startNode(config: RaftNodeConfig): Promise<RunningNode> {
  const logger = pino({ level: config.logLevel ?? 'info', base: { component: 'raft', node: config.id } }, pino.destination(2));
  const members = new Map(Object.entries(config.members).map(([id, address]) => [Number(id), address]));
  const storage = await LevelRaftStorage.open(config.dataDir);
  const transport = new GrpcRaftTransport({ clusterId: config.clusterId, nodeId: config.id, peers: members, logger });
  const port = await transport.listen(config.host, config.port);
  const applied = new AppliedRecord();
  const counters = { snapshotRestores: 0 };
  const snapshots = config.snapshotEveryEntries === undefined ? {} : {
    snapshots: {
      everyEntries: config.snapshotEveryEntries,
      take: () => applied.encode(),
      restore: (snapshot: Snapshot) => {
        applied.restore(snapshot.data);
        counters.snapshotRestores++;
      },
    },
  };
  const driver = new RaftDriver({
    id: config.id, voters: [...members.keys()], storage, transport, tickMs: config.tickMs,
    electionTimeoutTicks: config.electionTimeoutTicks, heartbeatIntervalTicks: config.heartbeatIntervalTicks,
    apply: (entries) => applied.apply(entries), logger, ...snapshots, ...(config.tuning === undefined ? {} : { tuning: config.tuning }),
  });
  driver.start();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await driver.stop();
      await transport.close();
      await storage.close();
    })();
    return stopping;
  };
  return { driver, storage, transport, applied, port, counters, stop };
}

async function handle(node: RunningNode, request: ControlRequest): Promise<unknown> {
  const { driver, storage, transport, applied } = node;
  switch (request.cmd) {
    case 'status':
      return { ...driver.status(), transport: transport.peers(), cpuMicros: cpuMicros(), snapshotRestores: node.counters.snapshotRestores,
        snapshotIndex: storage.snapshot().metadata.index, eventLoopDelayMs: loopDelayMs() };
    case 'applied':
      return applied.summary();
    case 'log-digest':
      return logDigest(storage, Number(request['from'] ?? 0), Number(request['upTo']));
    case 'propose':
      return runLoad((data) => driver.propose(data), request as unknown as LoadOptions);
    case 'campaign':
      driver.campaign();
      return {};
    case 'stop':
      await node.stop();
      return {};
    default:
      throw new Error(`unknown command ${request.cmd}`);
  }
}

// Event-loop stalls (GC, CPU starvation) show up in commit latency; the benchmark reports them.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();

function loopDelayMs(): { p50: number; p99: number; max: number } {
  const summary = { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  loopDelay.reset();
  return summary;
}

function write(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function main(): Promise<void> {
  const node = await startNode(JSON.parse(process.argv[2] ?? '') as RaftNodeConfig);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    let request: ControlRequest;
    try {
      request = JSON.parse(line) as ControlRequest;
    } catch {
      write({ ok: false, error: `not JSON: ${line.slice(0, 100)}` });
      return;
    }
    handle(node, request).then(
      (result) => write({ id: request.id, ok: true, result }),
      (error: unknown) => write({ id: request.id, ok: false, error: (error as Error).message, code: isRaftDriverError(error) ? error.code : undefined }),
    );
  });
  // The parent closing our stdin (or dying) ends us too, so a failed test leaves nothing behind.
  lines.on('close', () => void node.stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void node.stop().then(() => process.exit(0)));
  write({ event: 'ready', port: node.port });
}

main().catch((error: unknown) => {
  process.stderr.write(`raft-node: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
