// Proposal workloads for the raft-node test process: a pipelined run (keep `inflight` proposals
// outstanding, as many as the cluster will commit) and a paced run (a fixed rate, measuring
// each proposal's commit latency). Both are bounded in count and in time.
import type { ProposalPosition } from '../pending-proposals.js';

export interface LoadOptions {
  /** Proposals to make. */
  readonly count: number;
  /** Payload bytes per proposal (at least the 12 bytes of the sequence prefix). */
  readonly bytes: number;
  /** Outstanding proposals at most (pipelined mode). */
  readonly inflight: number;
  /** Proposals per second; 0 = as fast as the window allows. */
  readonly ratePerSecond: number;
  /** Stop starting new proposals after this long. */
  readonly durationMsMax: number;
  /** Distinguishes the payloads of different runs. */
  readonly runId: number;
}

export interface LoadResult {
  readonly proposed: number;
  readonly committed: number;
  readonly failed: number;
  readonly firstError: string | undefined;
  readonly elapsedMs: number;
  readonly committedPerSecond: number;
  readonly latencyMsP50: number;
  readonly latencyMsP99: number;
  readonly latencyMsMax: number;
  readonly lastIndex: number;
}

type Propose = (data: Uint8Array) => Promise<ProposalPosition>;

/** A payload: run id (u32) and sequence (u64 as two u32), then filler. */
export function payload(runId: number, sequence: number, bytes: number): Uint8Array {
  const data = Buffer.alloc(Math.max(12, bytes), 0x2e);
  data.writeUInt32BE(runId, 0);
  data.writeUInt32BE(Math.floor(sequence / 0x1_0000_0000), 4);
  data.writeUInt32BE(sequence % 0x1_0000_0000, 8);
  return data;
}

export async function runLoad(propose: Propose, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let proposed = 0;
  let committed = 0;
  let failed = 0;
  let firstError: string | undefined;
  let lastIndex = 0;
  const start = performance.now();
  const deadline = start + options.durationMsMax;

  const one = async (): Promise<void> => {
    const sequence = proposed++;
    const sent = performance.now();
    try {
      const position = await propose(payload(options.runId, sequence, options.bytes));
      latencies.push(performance.now() - sent);
      committed++;
      lastIndex = Math.max(lastIndex, position.index);
    } catch (error) {
      failed++;
      firstError ??= (error as Error).message;
    }
  };

  if (options.ratePerSecond > 0) await paced(one, options, start, deadline, () => proposed);
  else await pipelined(one, options, deadline, () => proposed);

  const elapsedMs = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    proposed, committed, failed, firstError, elapsedMs,
    committedPerSecond: committed / (elapsedMs / 1000),
    latencyMsP50: percentile(latencies, 0.5), latencyMsP99: percentile(latencies, 0.99),
    latencyMsMax: latencies[latencies.length - 1] ?? 0, lastIndex,
  };
}

async function pipelined(one: () => Promise<void>, options: LoadOptions, deadline: number, proposed: () => number): Promise<void> {
  const worker = async (): Promise<void> => {
    while (proposed() < options.count && performance.now() < deadline) await one();
  };
  await Promise.all(Array.from({ length: Math.max(1, options.inflight) }, worker));
}

async function paced(one: () => Promise<void>, options: LoadOptions, start: number, deadline: number, proposed: () => number): Promise<void> {
  const outstanding = new Set<Promise<void>>();
  while (proposed() < options.count && performance.now() < deadline) {
    // Catch up to where the rate says we should be, then sleep about a millisecond.
    const due = Math.min(options.count, Math.floor(((performance.now() - start) / 1000) * options.ratePerSecond) + 1);
    while (proposed() < due) {
      const pending = one();
      outstanding.add(pending);
      void pending.finally(() => outstanding.delete(pending));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(outstanding);
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, rank)] ?? 0;
}
