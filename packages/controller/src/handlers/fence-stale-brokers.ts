// The periodic session check (Kafka's QuorumController maybeFenceStaleBroker): every unfenced
// broker silent for sessionTimeoutMs is fenced. Its leaderships move to other ISR members and it
// leaves every ISR except where it is the last member, which then waits leaderless for it
// (KIP-841). All expired brokers go in one batch so each partition gets one change.

import type { ControllerContext, ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import type { BrokerHeartbeatTracker } from '../heartbeat-tracker.js';
import type { MetadataImage } from '../image.js';
import { movesAwayFrom } from '../broker-moves.js';
import type { BrokerId, MetadataRecord } from '../records.js';

export interface FenceStaleBrokersResponse {
  readonly fenced: readonly BrokerId[];
}

export function fenceStaleBrokers(
  image: MetadataImage,
  context: ControllerContext,
  tracker: BrokerHeartbeatTracker,
): ControllerResult<FenceStaleBrokersResponse> {
  const stale = [...image.brokers.values()]
    .filter((b) => !b.fenced && tracker.isExpired(b.brokerId, context.nowMs))
    .sort((a, b) => a.brokerId - b.brokerId);
  if (stale.length === 0) return result([], { fenced: [] });
  const records: MetadataRecord[] = movesAwayFrom(image, new Set(stale.map((b) => b.brokerId)));
  for (const b of stale) records.push({ type: 'FenceBroker', version: 0, brokerId: b.brokerId, brokerEpoch: b.epoch });
  return result(records, { fenced: stale.map((b) => b.brokerId) });
}
