// AllocateProducerIds (KIP-730; Kafka's ProducerIdControlManager): a broker asks for the next
// block of producer ids and gets [next, next + PRODUCER_ID_BLOCK_SIZE) as a ProducerIdsBlock
// record, so no id is ever handed out twice across brokers and controller failovers.

import type { ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { MetadataImage } from '../image.js';
import type { BrokerId } from '../records.js';

export const PRODUCER_ID_BLOCK_SIZE = 1000;

export interface AllocateProducerIdsCommand {
  readonly brokerId: BrokerId;
  readonly brokerEpoch: number;
}

export type AllocateProducerIdsResponse =
  | { readonly error: null; readonly firstProducerId: number; readonly size: number }
  | { readonly error: ControllerError };

export function allocateProducerIds(image: MetadataImage, command: AllocateProducerIdsCommand): ControllerResult<AllocateProducerIdsResponse> {
  const broker = image.brokers.get(command.brokerId);
  if (broker === undefined || broker.epoch !== command.brokerEpoch) {
    return result([], { error: controllerError('STALE_BROKER_EPOCH', `broker ${command.brokerId} epoch ${command.brokerEpoch} is not current`) });
  }
  const firstProducerId = image.producerIds.nextProducerId;
  if (!Number.isSafeInteger(firstProducerId + PRODUCER_ID_BLOCK_SIZE)) {
    return result([], { error: controllerError('INVALID_REQUEST', 'producer ids exhausted') });
  }
  return result(
    [{ type: 'ProducerIdsBlock', version: 0, brokerId: broker.brokerId, brokerEpoch: broker.epoch, firstProducerId, size: PRODUCER_ID_BLOCK_SIZE }],
    { error: null, firstProducerId, size: PRODUCER_ID_BLOCK_SIZE },
  );
}
