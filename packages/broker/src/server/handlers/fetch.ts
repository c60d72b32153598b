// Fetch: read whole batches below the high watermark of many partitions, long-polling.
// The call answers as soon as the batches read reach min_bytes, when any partition has an
// error, when max_wait_ms (capped by fetchMaxWaitMs) has passed, or when the server shuts down;
// until then it sleeps and is woken whenever a requested partition's high watermark moves.
//
// Offsets: fetch_offset must lie in [log start offset, log end offset]. An offset between the
// high watermark and the log end offset (written, not yet durable) reads as empty and waits,
// as in Kafka, rather than OFFSET_OUT_OF_RANGE: the client is not wrong, only early.
//
// Size: max_bytes (capped by fetchMaxBytes) bounds the whole response and partition_max_bytes
// each partition, both softly: the first batch of the first non-empty partition is returned
// whole even when larger (KIP-74), so a consumer can always make progress; any later partition
// whose first batch does not fit returns nothing this time.
import { FETCH_MAX_BYTES_DEFAULT, PARTITION_FETCH_MAX_BYTES_DEFAULT, BrookError, OFFSET_UNKNOWN, errorCodeNumber, truncateErrorMessage } from '@brook/protocol';
import type { FetchPartition__Output, FetchPartitionResponse, FetchRequest__Output, FetchResponse, FetchStreamRequest__Output, FetchStreamResponse } from '@brook/protocol';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { correlatedStreamHandler } from './correlated-stream.js';
import { unary, type HandlerContext } from '../handler-context.js';
import { findReadyLeaderPartition, leaderHintFor } from './partition-lookup.js';
import { PartitionWaiter } from '../../replica/partition-waiter.js';
import { toBrookError } from '../../replica/storage-errors.js';
import type { Partition } from '../../replica/partition.js';

const EMPTY = Buffer.alloc(0);

export function fetchHandler(context: HandlerContext) {
  return unary<FetchRequest__Output, FetchResponse>('Fetch', context, (request, call) => {
    const cancelled = new AbortController();
    call.once('cancelled', () => cancelled.abort());
    return fetch(context, request, cancelled.signal);
  });
}

/** FetchStream: the same requests on one long-lived stream (correlated-stream.ts). */
export function fetchStreamHandler(context: HandlerContext): (call: ServerDuplexStream<FetchStreamRequest__Output, FetchStreamResponse>) => void {
  return correlatedStreamHandler('Fetch', context, (request, cancelled) => fetch(context, request, cancelled));
}

interface ReadOutcome {
  response: FetchResponse;
  bytes: number;
  anyError: boolean;
}

async function fetch(context: HandlerContext, request: FetchRequest__Output, cancelled: AbortSignal): Promise<FetchResponse> {
  const waitMs = Math.min(Math.max(0, request.maxWaitMs), context.config.fetchMaxWaitMs);
  const deadline = Date.now() + waitMs;
  const minBytes = Math.max(0, request.minBytes);
  const served = knownPartitions(context, request);
  const waiter = new PartitionWaiter(served);
  try {
    for (;;) {
      waiter.reset();
      const outcome = await readOnce(context, request);
      const remainingMs = deadline - Date.now();
      if (outcome.bytes >= minBytes || outcome.anyError || remainingMs <= 0 || cancelled.aborted || context.shutdown.aborted) return outcome.response;
      await waiter.wait(remainingMs, [cancelled, context.shutdown]);
    }
  } finally {
    waiter.dispose();
  }
}

/** The requested partitions that are open here, to be woken by. */
function knownPartitions(context: HandlerContext, request: FetchRequest__Output): Partition[] {
  const partitions: Partition[] = [];
  for (const topic of request.topics) {
    for (const wanted of topic.partitions) {
      const partition = context.partitions.get(topic.name, wanted.partition);
      if (partition !== undefined) partitions.push(partition);
    }
  }
  return partitions;
}

async function readOnce(context: HandlerContext, request: FetchRequest__Output): Promise<ReadOutcome> {
  const maxBytes = Math.min(request.maxBytes > 0 ? request.maxBytes : FETCH_MAX_BYTES_DEFAULT, context.config.fetchMaxBytes);
  const outcome: ReadOutcome = { response: { topics: [] }, bytes: 0, anyError: false };
  for (const topic of request.topics) {
    const partitions: FetchPartitionResponse[] = [];
    for (const wanted of topic.partitions) {
      partitions.push(await readPartition(context, topic.name, wanted, maxBytes, outcome));
    }
    outcome.response.topics?.push({ name: topic.name, partitions });
  }
  return outcome;
}

async function readPartition(context: HandlerContext, topic: string, wanted: FetchPartition__Output, maxBytes: number, outcome: ReadOutcome): Promise<FetchPartitionResponse> {
  try {
    const partition = await findReadyLeaderPartition(context, topic, wanted.partition, wanted.currentLeaderEpoch);
    const fetchOffset = Number(wanted.fetchOffset);
    if (!Number.isSafeInteger(fetchOffset)) throw new BrookError('OFFSET_OUT_OF_RANGE', `fetch offset ${wanted.fetchOffset} is not an offset`);
    const remaining = maxBytes - outcome.bytes;
    const limit = Math.min(wanted.partitionMaxBytes > 0 ? wanted.partitionMaxBytes : PARTITION_FETCH_MAX_BYTES_DEFAULT, remaining);
    const offsets = { partition: wanted.partition, errorCode: 0, errorMessage: '', highWatermark: partition.highWatermark, lastStableOffset: partition.highWatermark, logStartOffset: partition.logStartOffset };
    // Reading at all when the budget is spent would only fetch a batch to throw away; the
    // offset is still checked against the log so that an out-of-range one is reported now.
    if (limit <= 0 && outcome.bytes > 0) {
      if (fetchOffset < partition.logStartOffset || fetchOffset > partition.logEndOffset) throw new BrookError('OFFSET_OUT_OF_RANGE', `offset ${fetchOffset} is outside the log [${partition.logStartOffset}, ${partition.logEndOffset}]`);
      return { ...offsets, records: EMPTY };
    }
    const read = await partition.read(fetchOffset, Math.max(0, limit));
    if (read.bytes.byteLength > limit && outcome.bytes > 0) return { ...offsets, records: EMPTY };
    outcome.bytes += read.bytes.byteLength;
    context.metrics.fetched(topic, read.bytes);
    const records = Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength);
    // The high watermark reported is the one the read was bounded by or a later one, never
    // an earlier one, so the client never sees batches past the watermark it is told.
    return { ...offsets, highWatermark: partition.highWatermark, lastStableOffset: partition.highWatermark, records };
  } catch (error) {
    const brookError = toBrookError(error);
    outcome.anyError = true;
    // An out-of-range fetch still reports the partition's bounds, so the consumer can apply its
    // reset policy (earliest or latest) without another round trip; other errors know none.
    const known = brookError.code === 'OFFSET_OUT_OF_RANGE' ? context.partitions.get(topic, wanted.partition) : undefined;
    return {
      partition: wanted.partition,
      errorCode: errorCodeNumber(brookError.code),
      errorMessage: truncateErrorMessage(brookError.message),
      highWatermark: known?.highWatermark ?? OFFSET_UNKNOWN,
      lastStableOffset: known?.highWatermark ?? OFFSET_UNKNOWN,
      logStartOffset: known?.logStartOffset ?? OFFSET_UNKNOWN,
      records: EMPTY,
      currentLeader: leaderHintFor(context, topic, wanted.partition, brookError),
    };
  }
}
