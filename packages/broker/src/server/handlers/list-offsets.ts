// ListOffsets: per partition, the earliest offset (-2, the log start offset), the latest (-1,
// the high watermark: the next offset a consumer will see), the offset of the largest timestamp
// (-3, KIP-734), or the first offset whose record timestamp is >= the given time.
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, LEADER_EPOCH_UNKNOWN, MAX_TIMESTAMP, OFFSET_UNKNOWN, BrookError, errorCodeNumber, truncateErrorMessage } from '@brook/protocol';
import type { ListOffsetsPartition__Output, ListOffsetsPartitionResponse, ListOffsetsRequest__Output, ListOffsetsResponse } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';
import { findReadyLeaderPartition } from './partition-lookup.js';
import { toBrookError } from '../../replica/storage-errors.js';
import { offsetForTimestamp, offsetOfMaxTimestamp, type FoundOffset } from '../../replica/offset-lookup.js';

export function listOffsetsHandler(context: HandlerContext) {
  return unary<ListOffsetsRequest__Output, ListOffsetsResponse>('ListOffsets', context, async (request) => ({
    topics: await Promise.all(
      request.topics.map(async (topic) => ({
        name: topic.name,
        partitions: await Promise.all(topic.partitions.map((wanted) => listPartitionOffset(context, topic.name, wanted))),
      })),
    ),
  }));
}

async function listPartitionOffset(context: HandlerContext, topic: string, wanted: ListOffsetsPartition__Output): Promise<ListOffsetsPartitionResponse> {
  try {
    const partition = await findReadyLeaderPartition(context, topic, wanted.partition, wanted.currentLeaderEpoch);
    const timestamp = Number(wanted.timestampMs);
    const answer = (offset: number, found?: FoundOffset): ListOffsetsPartitionResponse => ({
      partition: wanted.partition,
      errorCode: 0,
      errorMessage: '',
      offset,
      timestampMs: found?.timestamp ?? OFFSET_UNKNOWN,
      leaderEpoch: found?.leaderEpoch ?? (offset === OFFSET_UNKNOWN ? LEADER_EPOCH_UNKNOWN : partition.leaderEpoch),
    });
    if (timestamp === EARLIEST_TIMESTAMP) return answer(partition.logStartOffset);
    if (timestamp === LATEST_TIMESTAMP) return answer(partition.highWatermark);
    if (timestamp === MAX_TIMESTAMP) {
      const found = await offsetOfMaxTimestamp(partition);
      return found === undefined ? answer(OFFSET_UNKNOWN) : answer(found.offset, found);
    }
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new BrookError('INVALID_REQUEST', `timestamp ${wanted.timestampMs} is neither a time nor -1, -2 or -3`);
    const found = await offsetForTimestamp(partition, timestamp);
    return found === undefined ? answer(OFFSET_UNKNOWN) : answer(found.offset, found);
  } catch (error) {
    const brookError = toBrookError(error);
    return { partition: wanted.partition, errorCode: errorCodeNumber(brookError.code), errorMessage: truncateErrorMessage(brookError.message), offset: OFFSET_UNKNOWN, timestampMs: OFFSET_UNKNOWN, leaderEpoch: LEADER_EPOCH_UNKNOWN };
  }
}
