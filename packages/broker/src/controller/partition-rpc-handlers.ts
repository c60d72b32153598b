// The data plane's two controller RPCs: AlterPartition (partition leaders propose ISR changes,
// KIP-497) and AllocateProducerIds (brokers take blocks of producer ids, KIP-730). Each runs as
// one controller command, so a request's changes commit as one batch.
import type {
  AllocateProducerIdsRequest__Output, AllocateProducerIdsResponse, AlterPartitionRequest__Output, AlterPartitionResponse, PartitionIsrResult,
} from '@brook/protocol';
import { allocateProducerIds, alterPartition, replayBatch } from '@brook/controller';
import type { AlterPartitionCommand, ControllerResult, MetadataImage, MetadataRecord } from '@brook/controller';
import { brookErrorOf, errorFields } from './controller-errors.js';
import type { ControllerServer } from './controller-service-handlers.js';

export async function alterPartitions(server: ControllerServer, request: AlterPartitionRequest__Output, deadlineMs: number): Promise<AlterPartitionResponse> {
  const commands: AlterPartitionCommand[] = request.partitions.map((p) => ({
    brokerId: request.brokerId,
    brokerEpoch: Number(request.brokerEpoch),
    topicId: p.topicId,
    partition: p.partition,
    leaderEpoch: p.leaderEpoch,
    partitionEpoch: p.partitionEpoch,
    newIsr: p.newIsr.map((m) => ({ brokerId: m.brokerId, brokerEpoch: Number(m.brokerEpoch) })),
  }));
  const { response, offset } = await server.runCommand((image) => alterEach(image, commands), deadlineMs);
  return { partitions: response, metadataOffset: offset };
}

/** Each proposal on the image the earlier ones left, so two proposals of one request compose. */
function alterEach(image: MetadataImage, commands: readonly AlterPartitionCommand[]): ControllerResult<PartitionIsrResult[]> {
  const records: MetadataRecord[] = [];
  const results: PartitionIsrResult[] = [];
  let staged = image;
  for (const command of commands) {
    const { records: changes, response } = alterPartition(staged, command);
    if (changes.length > 0) {
      staged = replayBatch(staged, changes, staged.offset);
      records.push(...changes);
    }
    const base = { topicId: command.topicId, partition: command.partition };
    results.push(response.error !== null
      ? { ...base, ...errorFields(response.error), leaderId: -1, leaderEpoch: -1, partitionEpoch: -1, isr: [] }
      : { ...base, errorCode: 0, errorMessage: '', leaderId: response.leader, leaderEpoch: response.leaderEpoch, partitionEpoch: response.partitionEpoch, isr: [...response.isr] });
  }
  return { records, response: results };
}

export async function allocateIds(server: ControllerServer, request: AllocateProducerIdsRequest__Output, deadlineMs: number): Promise<AllocateProducerIdsResponse> {
  const command = { brokerId: request.brokerId, brokerEpoch: Number(request.brokerEpoch) };
  const { response } = await server.runCommand((image) => allocateProducerIds(image, command), deadlineMs);
  if (response.error !== null) throw brookErrorOf(response.error);
  return { firstProducerId: response.firstProducerId, count: response.size };
}
