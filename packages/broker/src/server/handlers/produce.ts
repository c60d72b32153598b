// Produce: one RPC carries one batch for each of many partitions; each partition succeeds or
// fails on its own. acks decides when a partition answers (ARCHITECTURE.md, "The produce path"):
//   0  at once, before the append (no offsets); errors found before appending are still reported.
//   1  after the leader's append (written, not yet fsynced).
//  -1  once the high watermark has passed the batch: every in-sync replica has fsynced it (the
//      leader counts its own end after its fsync, a follower's fetch offset is post-fsync). Refused
//      before the append with NOT_ENOUGH_REPLICAS when the ISR is below min.insync.replicas (as
//      the partition has it, or as a newer metadata image already shows it);
//      NOT_ENOUGH_REPLICAS_AFTER_APPEND when it fell below meanwhile; REQUEST_TIMED_OUT at the
//      request's timeout. On one node the ISR is this broker alone: "after the group-commit fsync".
// An idempotent batch that repeats one of its producer's last five is answered with the original
// offsets and not appended again (PROTOCOL-NOTES.md section 7).
import { ACKS_ALL, ACKS_DEFAULT, ACKS_LEADER, ACKS_NONE, BrookError, OFFSET_UNKNOWN, REQUEST_TIMEOUT_MS_DEFAULT, errorCodeNumber, isBrookError, truncateErrorMessage } from '@brook/protocol';
import type { ProducePartitionData__Output, ProducePartitionResponse, ProduceRequest__Output, ProduceResponse } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';
import { findReadyLeaderPartition, leaderHintFor } from './partition-lookup.js';
import { toBrookError } from '../../replica/storage-errors.js';

export function produceHandler(context: HandlerContext) {
  return unary<ProduceRequest__Output, ProduceResponse>('Produce', context, (request) => produce(context, request));
}

export async function produce(context: HandlerContext, request: ProduceRequest__Output): Promise<ProduceResponse> {
  const acks = request.acks ?? ACKS_DEFAULT;
  const timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : REQUEST_TIMEOUT_MS_DEFAULT;
  const badAcks = acks !== ACKS_NONE && acks !== ACKS_LEADER && acks !== ACKS_ALL ? new BrookError('INVALID_REQUIRED_ACKS', `acks is ${acks}; it must be 0, 1 or -1`) : null;
  const topics = request.topics.map(async (topic) => ({
    name: topic.name,
    partitions: await Promise.all(
      topic.partitions.map((data) => (badAcks !== null ? failed(context, topic.name, data.partition, badAcks) : producePartition(context, topic.name, data, acks, timeoutMs))),
    ),
  }));
  return { topics: await Promise.all(topics) };
}

async function producePartition(context: HandlerContext, topic: string, data: ProducePartitionData__Output, acks: number, timeoutMs: number): Promise<ProducePartitionResponse> {
  try {
    const partition = await findReadyLeaderPartition(context, topic, data.partition, data.leaderEpoch);
    const batch = data.records;
    if (acks === ACKS_ALL) {
      const shortage = partition.checkEnoughReplicas('before-append', context.metadata.partition(topic, data.partition));
      if (shortage !== undefined) throw new BrookError(shortage.code, `${topic}-${data.partition}: ${shortage.message}`);
    }
    // Admission (size, magic, codec) throws here, before anything is appended, so even acks=0
    // hears about a batch that can never be accepted.
    const appending = partition.append(batch).then(({ result, header, duplicate }) => {
      if (!duplicate) context.metrics.produced(topic, batch.byteLength, header.recordCount);
      return result;
    });
    if (acks === ACKS_NONE) {
      appending.catch((error: unknown) => context.logger.debug({ err: error, topic, partition: data.partition }, 'acks=0 append failed'));
      return { partition: data.partition, errorCode: 0, errorMessage: '', baseOffset: OFFSET_UNKNOWN, logAppendTimeMs: OFFSET_UNKNOWN, logStartOffset: OFFSET_UNKNOWN };
    }
    const appended = await appending;
    if (acks === ACKS_ALL) await partition.waitForHighWatermark(appended.lastOffset + 1, timeoutMs);
    return { partition: data.partition, errorCode: 0, errorMessage: '', baseOffset: appended.baseOffset, logAppendTimeMs: appended.logAppendTime, logStartOffset: partition.logStartOffset };
  } catch (error) {
    return failed(context, topic, data.partition, toBrookError(error));
  }
}

function failed(context: HandlerContext, topic: string, partition: number, error: BrookError): ProducePartitionResponse {
  if (!isBrookError(error) || error.code === 'UNKNOWN_SERVER_ERROR' || error.code === 'KAFKA_STORAGE_ERROR') {
    context.logger.error({ err: error, topic, partition }, 'produce failed');
  }
  return {
    partition,
    errorCode: errorCodeNumber(error.code),
    errorMessage: truncateErrorMessage(error.message),
    baseOffset: OFFSET_UNKNOWN,
    logAppendTimeMs: OFFSET_UNKNOWN,
    logStartOffset: OFFSET_UNKNOWN,
    currentLeader: leaderHintFor(context, topic, partition, error),
  };
}
