// RegisterBroker (KIP-631, Kafka's ClusterControlManager.registerBroker).
//
// - A broker registers with its id and an incarnation id that is new at every process start.
// - Same id and same incarnation: an idempotent retry; no records, the current epoch.
// - A new incarnation replaces the old registration, unless the old one still has a live
//   session: then DUPLICATE_BROKER_REGISTRATION (two processes claim one id), as Kafka does.
//   Whatever the old incarnation led or sat in the ISR of is handed off first (the partition
//   changes precede the RegisterBroker record in the batch), because the new registration
//   starts fenced and a fenced broker leads nothing.
// - The broker epoch is the offset of the batch holding the RegisterBroker record, which the
//   handler cannot know: the response says `brokerEpoch: null` and the driver answers with the
//   Raft index `propose()` returned for this batch (equal to
//   `image.brokers.get(id).epoch` once it has committed and been applied).

import type { ControllerContext, ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { BrokerHeartbeatTracker } from '../heartbeat-tracker.js';
import type { MetadataImage } from '../image.js';
import { movesAwayFrom } from '../broker-moves.js';
import type { BrokerId, Listener, MetadataRecord } from '../records.js';

export interface RegisterBrokerCommand {
  readonly brokerId: BrokerId;
  readonly incarnationId: string;
  readonly listeners: readonly Listener[];
  readonly rack: string | null;
}

export type RegisterBrokerResponse =
  | { readonly error: null; readonly brokerId: BrokerId; readonly brokerEpoch: number | null }
  | { readonly error: ControllerError };

export function registerBroker(
  image: MetadataImage,
  command: RegisterBrokerCommand,
  context: ControllerContext,
  tracker: BrokerHeartbeatTracker,
): ControllerResult<RegisterBrokerResponse> {
  const { brokerId, incarnationId } = command;
  if (!Number.isSafeInteger(brokerId) || brokerId < 0) {
    return result([], { error: controllerError('INVALID_REQUEST', `broker id ${brokerId} must be a non-negative integer`) });
  }
  if (!/^[0-9a-f]{32}$/.test(incarnationId)) {
    return result([], { error: controllerError('INVALID_REQUEST', 'incarnation id must be 32 lowercase hex characters') });
  }
  const existing = image.brokers.get(brokerId);
  if (existing !== undefined && existing.incarnationId === incarnationId) {
    tracker.touch(brokerId, context.nowMs);
    return result([], { error: null, brokerId, brokerEpoch: existing.epoch });
  }
  if (existing !== undefined && !existing.fenced && tracker.hasValidSession(brokerId, context.nowMs)) {
    return result([], {
      error: controllerError('DUPLICATE_BROKER_REGISTRATION', `broker ${brokerId} is registered by another live incarnation`),
    });
  }
  const records: MetadataRecord[] = existing === undefined ? [] : movesAwayFrom(image, new Set([brokerId]));
  records.push({
    type: 'RegisterBroker',
    version: 0,
    brokerId,
    incarnationId,
    listeners: command.listeners.map((l) => ({ name: l.name, host: l.host, port: l.port })),
    rack: command.rack,
  });
  tracker.touch(brokerId, context.nowMs);
  return result(records, { error: null, brokerId, brokerEpoch: null });
}
