// The leader's side of replication: BrookReplication.ReplicaFetch on the internal listener
// (proto/brook/v1/replication.proto, ARCHITECTURE.md "Replication"). Each follower broker holds
// one stream (its fetch session) whose requests cover every partition it follows on this leader.
// Per partition: the topic id and the leader epoch are checked (KIP-320), then the follower's last
// fetched epoch (KIP-279: a diverged follower gets diverging_epoch and no records, and its
// progress is not recorded), then its fetch offset is recorded as its progress (post-fsync, so it
// moves the high watermark) and batches are read from there up to the log end. Each request
// long-polls, woken by leader appends, until it
// has min_bytes, an error or a divergence to report, or max_wait_ms has passed; then the session's
// next request is served. A follower that asks for it gets an incremental session bound to the
// stream (leader-fetch-session.ts, KIP-227): its requests then carry only changed partitions and
// the answers only partitions with news, so idle partitions cost no message entries.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { BrookError, errorCodeNumber, toServiceError, type ErrorCodeName } from '@brook/protocol';
import type { ReplicaFetchPartition__Output, ReplicaFetchPartitionResponse, ReplicaFetchRequest__Output, ReplicaFetchResponse } from '@brook/protocol';
import { checkLeaderEpoch } from '../replication/leader-epoch-fence.js';
import { divergingEpochFor } from '../replication/follower-state.js';
import { toBrookError } from '../replica/storage-errors.js';
import type { Partition } from '../replica/partition.js';
import { PartitionWaiter } from '../replica/partition-waiter.js';
import { LeaderFetchSession } from './leader-fetch-session.js';
import type { PartitionManager } from '../replica/partition-manager.js';
import type { Logger } from '../logging/logger.js';

const EMPTY = Buffer.alloc(0);
/** Record bytes per partition when the follower names no limit. */
const PARTITION_MAX_BYTES_DEFAULT = 1 << 20;

export interface ReplicaFetchServiceOptions {
  clusterId: string;
  partitions: Pick<PartitionManager, 'get'>;
  /** The longest a fetch may wait (fetchMaxWaitMs). */
  maxWaitMs: number;
  /** The response's record bytes cap (fetchMaxBytes). */
  maxBytes: number;
  /** Aborted at shutdown: waiting fetches answer at once. */
  shutdown: AbortSignal;
  /** Called after a follower's progress was recorded: an ISR expansion may be due. */
  onFollowerProgress?: (partition: Partition) => void;
  logger: Logger;
}

interface Pass {
  partitions: ReplicaFetchPartitionResponse[];
  bytes: number;
  /** An error or a divergence: the follower must act before the next fetch. */
  urgent: boolean;
}

export class ReplicaFetchService {
  private readonly log: Logger;

  constructor(private readonly options: ReplicaFetchServiceOptions) {
    this.log = options.logger.child({ component: 'replica-fetch-service' });
  }

  /** The grpc-js implementation object for brookReplicationServiceDefinition(). */
  implementation(): { ReplicaFetch: (call: ServerDuplexStream<ReplicaFetchRequest__Output, ReplicaFetchResponse>) => void } {
    return { ReplicaFetch: (call) => this.serveSession(call) };
  }

  /**
   * One follower's fetch session: its requests are answered one at a time, in order (the
   * follower sends the next once it applied the last answer). A request refused as a whole ends
   * the stream with its status; the follower reopens after a pause.
   */
  private serveSession(call: ServerDuplexStream<ReplicaFetchRequest__Output, ReplicaFetchResponse>): void {
    const cancelled = new AbortController();
    const session = new LeaderFetchSession();
    call.once('cancelled', () => cancelled.abort());
    call.once('error', () => cancelled.abort());
    let serving: Promise<void> = Promise.resolve();
    call.on('data', (request: ReplicaFetchRequest__Output) => {
      serving = serving.then(async () => {
        if (cancelled.signal.aborted) return;
        try {
          const response = await this.fetch(request, cancelled.signal, session);
          // Answered even when the session is ending (its last answer); not once the stream is gone.
          if (!call.cancelled && !call.destroyed) call.write(response);
        } catch (error) {
          this.log.debug({ err: error, replicaId: request.replicaId }, 'replica fetch refused; ending the session');
          cancelled.abort();
          call.emit('error', toServiceError(toBrookError(error)));
        }
      });
    });
    // The follower closed its side, or this broker is shutting down (the server's graceful stop
    // waits for open streams): end the session once the request being served is answered.
    const finish = (): void => {
      void serving.then(() => {
        if (cancelled.signal.aborted) return;
        cancelled.abort();
        call.end();
      });
    };
    call.once('end', finish);
    if (this.options.shutdown.aborted) finish();
    else this.options.shutdown.addEventListener('abort', finish, { once: true });
    cancelled.signal.addEventListener('abort', () => this.options.shutdown.removeEventListener('abort', finish), { once: true });
  }

  /**
   * Answers one request of a stream; `cancelled` ends its long poll early (the stream is gone).
   * `session` is the stream's fetch session; without one every request is a full one.
   */
  async fetch(request: ReplicaFetchRequest__Output, cancelled: AbortSignal = new AbortController().signal, session = new LeaderFetchSession()): Promise<ReplicaFetchResponse> {
    if (request.clusterId !== this.options.clusterId) throw new BrookError('INCONSISTENT_CLUSTER_ID', `replica fetch for cluster ${request.clusterId}; this broker belongs to ${this.options.clusterId}`);
    const deadline = Date.now() + Math.min(Math.max(0, request.maxWaitMs), this.options.maxWaitMs);
    const minBytes = Math.max(1, request.minBytes);
    // A follower waits for new records only (Kafka's DelayedFetch for a follower: bytes past its
    // fetch offset). Waking it on every high-watermark move as well would answer each follower
    // once more per produce (the other follower's fetch moves the HW), a third more replication
    // RPCs for nothing acks=all needs; the follower learns the HW with its next records, or at
    // max_wait_ms when the partition is idle, and consumers read from the leader.
    const wantedList = session.update(request);
    const woken = new PartitionWaiter(wantedList.flatMap((wanted) => this.options.partitions.get(wanted.topic, wanted.partition) ?? []), ['log-end']);
    try {
      // Progress is recorded once, at the first pass: later passes only look for new batches.
      let pass = await this.readPass(request, wantedList, true);
      for (;;) {
        const remaining = deadline - Date.now();
        if (pass.urgent || pass.bytes >= minBytes || remaining <= 0 || cancelled.aborted || this.options.shutdown.aborted) {
          return session.incremental ? { partitions: session.select(pass.partitions), incremental: true } : { partitions: pass.partitions };
        }
        await woken.wait(remaining, [cancelled, this.options.shutdown]);
        woken.reset();
        pass = await this.readPass(request, wantedList, false);
      }
    } finally {
      woken.dispose();
    }
  }

  private async readPass(request: ReplicaFetchRequest__Output, wantedList: readonly ReplicaFetchPartition__Output[], recordProgress: boolean): Promise<Pass> {
    const pass: Pass = { partitions: [], bytes: 0, urgent: false };
    const budget = request.maxBytes > 0 ? Math.min(request.maxBytes, this.options.maxBytes) : this.options.maxBytes;
    for (const wanted of wantedList) {
      const answer = await this.servePartition(request, wanted, budget - pass.bytes, pass.bytes === 0, recordProgress);
      pass.partitions.push(answer);
      pass.bytes += answer.records instanceof Uint8Array ? answer.records.byteLength : 0;
      if ((answer.errorCode ?? 0) !== 0 || answer.divergingEpoch != null) pass.urgent = true;
    }
    return pass;
  }

  private async servePartition(request: ReplicaFetchRequest__Output, wanted: ReplicaFetchPartition__Output, budget: number, first: boolean, recordProgress: boolean): Promise<ReplicaFetchPartitionResponse> {
    const base = { topic: wanted.topic, partition: wanted.partition };
    const partition = this.options.partitions.get(wanted.topic, wanted.partition);
    if (partition === undefined) return failure(base, 'UNKNOWN_TOPIC_OR_PARTITION');
    if (partition.topicId !== wanted.topicId) return failure(base, 'UNKNOWN_TOPIC_ID');
    if (!partition.isLeader) return failure(base, 'NOT_LEADER_OR_FOLLOWER');
    const fenced = checkLeaderEpoch(wanted.currentLeaderEpoch, partition.leaderEpoch);
    if (fenced !== undefined) return failure(base, fenced.code);
    const leader = partition.leaderState;
    if (leader === undefined) return failure(base, 'NOT_LEADER_OR_FOLLOWER');
    const fetchOffset = Number(wanted.fetchOffset);
    const offsets = { highWatermark: partition.highWatermark, logStartOffset: partition.logStartOffset, logEndOffset: partition.logEndOffset };
    const epochCheck = divergingEpochFor(wanted.lastFetchedEpoch, fetchOffset, {
      epochs: partition.log.leaderEpochCache,
      logEndOffset: partition.logEndOffset,
      leaderEpoch: partition.leaderEpoch,
      leaderEpochStartOffset: leader.leaderEpochStartOffset,
    });
    if (epochCheck.kind === 'rejected') return failure(base, epochCheck.code, offsets);
    if (epochCheck.kind === 'diverging') return { ...base, ...offsets, errorCode: 0, divergingEpoch: epochCheck.divergingEpoch, records: EMPTY };
    if (!Number.isSafeInteger(fetchOffset) || fetchOffset < partition.logStartOffset || fetchOffset > partition.logEndOffset) return failure(base, 'OFFSET_OUT_OF_RANGE', offsets);
    if (recordProgress && partition.recordFollowerFetch(request.replicaId, Number(request.replicaEpoch), fetchOffset)) this.options.onFollowerProgress?.(partition);
    const limit = Math.min(wanted.partitionMaxBytes > 0 ? wanted.partitionMaxBytes : PARTITION_MAX_BYTES_DEFAULT, Math.max(0, budget));
    if (fetchOffset === partition.logEndOffset || (limit <= 0 && !first)) return { ...base, ...this.offsetsOf(partition), errorCode: 0, records: EMPTY };
    try {
      const read = await partition.readForReplica(fetchOffset, Math.max(1, limit));
      // A first batch larger than what is left goes only in the first partition (KIP-74).
      if (read.bytes.byteLength > limit && !first) return { ...base, ...this.offsetsOf(partition), errorCode: 0, records: EMPTY };
      return { ...base, ...this.offsetsOf(partition), errorCode: 0, records: Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength) };
    } catch (error) {
      return failure(base, toBrookError(error).code, this.offsetsOf(partition));
    }
  }

  private offsetsOf(partition: Partition): { highWatermark: number; logStartOffset: number; logEndOffset: number } {
    return { highWatermark: partition.highWatermark, logStartOffset: partition.logStartOffset, logEndOffset: partition.logEndOffset };
  }
}

function failure(base: { topic: string; partition: number }, code: ErrorCodeName, offsets = { highWatermark: -1, logStartOffset: -1, logEndOffset: -1 }): ReplicaFetchPartitionResponse {
  return { ...base, ...offsets, errorCode: errorCodeNumber(code), records: EMPTY };
}
