// Test helpers for the controller and its drivers: a deterministic topic id source, an
// in-memory metadata log that commits ControllerResults at consecutive offsets, and the named
// cluster-wide invariants the simulations check after every event.

import type { ControllerResult, TopicIdSource } from '../controller-result.js';
import { replayBatch } from '../delta.js';
import { EMPTY_IMAGE } from '../image.js';
import type { MetadataImage } from '../image.js';
import { NO_LEADER } from '../records.js';
import type { MetadataRecord } from '../records.js';

/** Topic ids 000...001, 000...002, ...: readable in test output. */
export function sequentialTopicIds(start = 1): TopicIdSource {
  let next = start;
  return { nextTopicId: () => (next++).toString(16).padStart(32, '0') };
}

export interface CommittedBatch {
  readonly offset: number;
  readonly records: readonly MetadataRecord[];
}

/** The metadata log without Raft: each non-empty result is one batch at the next offset. */
export class InMemoryMetadataLog {
  image: MetadataImage;
  readonly batches: CommittedBatch[] = [];

  constructor(image: MetadataImage = EMPTY_IMAGE) {
    this.image = image;
  }

  /** The offset the next batch will get (what a broker epoch will be). */
  nextOffset(): number {
    return this.image.offset + 1;
  }

  commit<R>(result: ControllerResult<R>): R {
    if (result.records.length > 0) {
      const offset = this.nextOffset();
      this.image = replayBatch(this.image, result.records, offset);
      this.batches.push({ offset, records: result.records });
    }
    return result.response;
  }
}

/**
 * Cluster-wide invariants of one image, by name (empty when all hold):
 * FencedNeverLeads, LeaderInIsr, IsrSubsetOfReplicas, FencedOnlyAsLastIsrMember.
 */
export function imageViolations(image: MetadataImage): string[] {
  const out: string[] = [];
  for (const topic of image.topicsById.values()) {
    topic.partitions.forEach((p, i) => {
      const name = `${topic.name}-${i}`;
      if (p.leader !== NO_LEADER) {
        const leader = image.brokers.get(p.leader);
        if (leader === undefined || leader.fenced) out.push(`FencedNeverLeads: ${name} led by ${p.leader}`);
        if (!p.isr.includes(p.leader)) out.push(`LeaderInIsr: ${name} leader ${p.leader} isr [${p.isr.join(',')}]`);
      }
      if (!p.isr.every((id) => p.replicas.includes(id))) out.push(`IsrSubsetOfReplicas: ${name}`);
      const fencedInIsr = p.isr.filter((id) => image.brokers.get(id)?.fenced !== false);
      if (fencedInIsr.length > 0 && !(p.isr.length === 1 && p.leader === NO_LEADER)) out.push(`FencedOnlyAsLastIsrMember: ${name} isr [${p.isr.join(',')}]`);
    });
  }
  return out;
}

/** Epochs that went back between two images of the same log: MonotonicLeaderEpoch and friends. */
export function epochRegressions(before: MetadataImage, after: MetadataImage): string[] {
  const out: string[] = [];
  for (const [id, topic] of after.topicsById) {
    const old = before.topicsById.get(id);
    if (old === undefined) continue;
    old.partitions.forEach((p, i) => {
      const q = topic.partitions[i];
      if (q === undefined) out.push(`PartitionsNeverShrink: ${topic.name}-${i}`);
      else if (q.leaderEpoch < p.leaderEpoch || q.partitionEpoch < p.partitionEpoch) out.push(`MonotonicEpochs: ${topic.name}-${i}`);
    });
  }
  for (const [id, b] of after.brokers) {
    const old = before.brokers.get(id);
    if (old !== undefined && b.epoch < old.epoch) out.push(`MonotonicBrokerEpoch: ${id}`);
  }
  if (after.offset < before.offset) out.push('MonotonicOffset');
  return out;
}

export { randomCommand, DEFAULT_WORKLOAD } from './workload.js';
export type { WorkloadOptions } from './workload.js';
