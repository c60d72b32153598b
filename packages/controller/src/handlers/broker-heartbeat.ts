// BrokerHeartbeat (KIP-631, KIP-841; Kafka's ClusterControlManager and BrokerHeartbeatManager).
//
// - An unknown broker gets BROKER_ID_NOT_REGISTERED; a stale epoch STALE_BROKER_EPOCH.
// - Every valid heartbeat renews the broker's session in the tracker (soft state).
// - Caught up: the broker has applied the metadata log up to its own registration
//   (currentMetadataOffset >= its epoch), Kafka's rule for leaving the fenced state.
// - A fenced broker that is caught up and no longer asks to be fenced is unfenced; the same
//   batch elects it where partitions were waiting leaderless for it.
// - An unfenced broker asking to be fenced is fenced, its leaderships moved first.
// - wantShutdown starts controlled shutdown (KIP-841): the registration is marked
//   inControlledShutdown, leaderships move to other ISR members, and it leaves every ISR where
//   it is not the last member. Once it leads nothing and has applied that change, the next
//   heartbeat fences it and answers shouldShutdown.

import type { ControllerContext, ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { BrokerHeartbeatTracker } from '../heartbeat-tracker.js';
import type { BrokerRegistration, MetadataImage } from '../image.js';
import { electionsOnUnfence, leadsAnything, movesAwayFrom } from '../broker-moves.js';
import type { BrokerId, MetadataRecord } from '../records.js';

export interface BrokerHeartbeatCommand {
  readonly brokerId: BrokerId;
  readonly brokerEpoch: number;
  readonly currentMetadataOffset: number;
  readonly wantFence: boolean;
  readonly wantShutdown: boolean;
}

export type BrokerHeartbeatResponse =
  | { readonly error: null; readonly isCaughtUp: boolean; readonly isFenced: boolean; readonly shouldShutdown: boolean }
  | { readonly error: ControllerError };

export function brokerHeartbeat(
  image: MetadataImage,
  command: BrokerHeartbeatCommand,
  context: ControllerContext,
  tracker: BrokerHeartbeatTracker,
): ControllerResult<BrokerHeartbeatResponse> {
  const broker = image.brokers.get(command.brokerId);
  if (broker === undefined) {
    return result([], { error: controllerError('BROKER_ID_NOT_REGISTERED', `broker ${command.brokerId} is not registered`) });
  }
  if (broker.epoch !== command.brokerEpoch) {
    return result([], { error: controllerError('STALE_BROKER_EPOCH', `broker ${command.brokerId} epoch ${command.brokerEpoch} is not ${broker.epoch}`) });
  }
  tracker.touch(command.brokerId, context.nowMs);
  const isCaughtUp = command.currentMetadataOffset >= broker.epoch;
  if (command.wantShutdown) return controlledShutdown(image, broker, command, isCaughtUp);
  if (broker.fenced) {
    if (command.wantFence || !isCaughtUp) return result([], { error: null, isCaughtUp, isFenced: true, shouldShutdown: false });
    const records: MetadataRecord[] = [{ type: 'UnfenceBroker', version: 0, brokerId: broker.brokerId, brokerEpoch: broker.epoch }];
    records.push(...electionsOnUnfence(image, broker.brokerId));
    return result(records, { error: null, isCaughtUp, isFenced: false, shouldShutdown: false });
  }
  if (command.wantFence) {
    return result(fenceRecords(image, broker), { error: null, isCaughtUp, isFenced: true, shouldShutdown: false });
  }
  return result([], { error: null, isCaughtUp, isFenced: false, shouldShutdown: false });
}

/** Moves away from the broker, then the FenceBroker record (a fenced broker leads nothing). */
export function fenceRecords(image: MetadataImage, broker: BrokerRegistration): MetadataRecord[] {
  const records: MetadataRecord[] = movesAwayFrom(image, new Set([broker.brokerId]));
  records.push({ type: 'FenceBroker', version: 0, brokerId: broker.brokerId, brokerEpoch: broker.epoch });
  return records;
}

function controlledShutdown(
  image: MetadataImage,
  broker: BrokerRegistration,
  command: BrokerHeartbeatCommand,
  isCaughtUp: boolean,
): ControllerResult<BrokerHeartbeatResponse> {
  if (broker.fenced) return result([], { error: null, isCaughtUp, isFenced: true, shouldShutdown: true });
  if (!broker.inControlledShutdown) {
    const records: MetadataRecord[] = [
      { type: 'BrokerRegistrationChange', version: 0, brokerId: broker.brokerId, brokerEpoch: broker.epoch, inControlledShutdown: true },
    ];
    records.push(...movesAwayFrom(image, new Set([broker.brokerId])));
    return result(records, { error: null, isCaughtUp, isFenced: false, shouldShutdown: false });
  }
  // KIP-841: let the broker go only once it leads nothing and has applied the change that
  // started its shutdown, so it has stopped serving as leader everywhere.
  const applied = command.currentMetadataOffset >= broker.controlledShutdownOffset;
  if (leadsAnything(image, broker.brokerId) || !applied) {
    const moves = movesAwayFrom(image, new Set([broker.brokerId]));
    return result(moves, { error: null, isCaughtUp, isFenced: false, shouldShutdown: false });
  }
  return result(fenceRecords(image, broker), { error: null, isCaughtUp, isFenced: true, shouldShutdown: true });
}
