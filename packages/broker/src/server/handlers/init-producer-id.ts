// InitProducerId (KIP-98, KIP-360): a new idempotent producer gets a fresh id at epoch 0 from
// this broker's block of producer ids. Transactions do not exist yet, so a transactional id is
// refused, and so is an epoch bump of an existing id (KIP-360 needs the transaction
// coordinator's state); a producer that loses its sequence state starts over with a new id.
import { BrookError } from '@brook/protocol';
import type { InitProducerIdRequest__Output, InitProducerIdResponse } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';

export function initProducerIdHandler(context: HandlerContext) {
  return unary<InitProducerIdRequest__Output, InitProducerIdResponse>('InitProducerId', context, async (request) => {
    if (request.transactionalId !== '') throw new BrookError('INVALID_REQUEST', 'transactions are not supported: send InitProducerId without a transactional id');
    if (request.producerId !== '-1' || request.producerEpoch !== -1) {
      throw new BrookError('INVALID_REQUEST', 'bumping the epoch of an existing producer id is not supported without transactions; ask for a new id (producer_id -1)');
    }
    const producerId = await context.producerIds.nextProducerId();
    return { producerId, producerEpoch: 0 };
  });
}
